import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { type Queryable, pgTransactional, toSqlRunner, typeOrmTransactional } from '../src';

type Row = { id: number; label: string };

/**
 * Every way a service reaches PostgreSQL, over a real server: TypeORM's PostgreSQL driver
 * answers UPDATE and DELETE with `[rows, rowCount]` rather than the rows, which is what an
 * adapter has to see through.
 */
describe(toSqlRunner.name, () => {
  let db: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_sql_runner');
    pool = new Pool({ connectionString: db.url, max: 4 });
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
    await db?.drop();
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE items');
  });

  /** INSERT, UPDATE and DELETE with RETURNING, one and several rows, and statements without rows. */
  async function expectRowsOfEveryStatement(target: Queryable): Promise<void> {
    const sql = toSqlRunner(target);
    expect(await sql.query<Row>(`INSERT INTO items VALUES (1, 'a'), (2, 'b') RETURNING id, label`)).toEqual([
      { id: 1, label: 'a' },
      { id: 2, label: 'b' },
    ]);
    expect(await sql.query<Row>(`UPDATE items SET label = 'c' WHERE id = 1 RETURNING id, label`)).toEqual([{ id: 1, label: 'c' }]);
    expect(await sql.query<Row>(`UPDATE items SET label = label || '!' RETURNING id, label`)).toEqual(
      expect.arrayContaining([
        { id: 1, label: 'c!' },
        { id: 2, label: 'b!' },
      ]),
    );
    expect(await sql.query<Row>(`UPDATE items SET label = 'x' WHERE id = 99 RETURNING id, label`)).toEqual([]);
    expect(await sql.query(`UPDATE items SET label = 'd' WHERE id = 2`)).toEqual([]);
    expect(await sql.query<Row>(`DELETE FROM items WHERE id = 2 RETURNING id, label`)).toEqual([{ id: 2, label: 'd' }]);
    expect(await sql.query<Row>(`SELECT id, label FROM items`)).toEqual([{ id: 1, label: 'c!' }]);
    expect(await sql.query(`DELETE FROM items`)).toEqual([]);
  }

  it("gives the rows of a TypeORM DataSource's statements", async () => {
    await expectRowsOfEveryStatement(dataSource);
  });

  it("gives the rows of a TypeORM EntityManager's statements, in a transaction", async () => {
    await dataSource.transaction((manager) => expectRowsOfEveryStatement(manager));
  });

  it("gives the rows of a TypeORM QueryRunner's statements", async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await expectRowsOfEveryStatement(runner);
    } finally {
      await runner.release();
    }
  });

  it("gives the rows of a pg client's statements", async () => {
    await expectRowsOfEveryStatement(pool);
  });

  it('hands both transaction helpers a runner that sees the rows of UPDATE … RETURNING', async () => {
    await pool.query(`INSERT INTO items VALUES (1, 'a')`);
    const renamed = (label: string) => `UPDATE items SET label = '${label}' WHERE id = 1 RETURNING id, label`;
    expect(await typeOrmTransactional(dataSource)((_manager, sql) => sql.query<Row>(renamed('t')))).toEqual([{ id: 1, label: 't' }]);
    expect(await pgTransactional(pool)((_client, sql) => sql.query<Row>(renamed('p')))).toEqual([{ id: 1, label: 'p' }]);
  });
});
