import { Client } from 'pg';
import { createTestDatabase, testPostgresAdminUrl } from './postgres.util';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe(createTestDatabase.name, () => {
  it('creates an empty, usable database and drops it even while a connection is open', async () => {
    const database = await createTestDatabase('testing_lib');
    expect(database.name).toMatch(/^testing_lib_[a-z0-9]+_[0-9a-f]{8}$/);
    expect(new URL(database.url).pathname).toBe(`/${database.name}`);
    expect(await databaseExists(database.name)).toBe(true);

    const connection = new Client({ connectionString: database.url });
    connection.on('error', () => undefined); // the drop below terminates this session on purpose
    await connection.connect();
    const { rows: tables } = await connection.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    expect(tables[0].n).toBe(0);
    await connection.query('CREATE TABLE agreement (id text PRIMARY KEY)');
    await connection.query("INSERT INTO agreement (id) VALUES ('meetings')");
    const { rows } = await connection.query('SELECT id FROM agreement');
    expect(rows).toEqual([{ id: 'meetings' }]);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await expect(connection.query('SELECT 1')).rejects.toThrow();
    await connection.end().catch(() => undefined);
    await expect(database.drop()).resolves.toBeUndefined();
  });

  it('gives each caller its own database', async () => {
    const [a, b] = await Promise.all([createTestDatabase('same'), createTestDatabase('same')]);
    try {
      expect(a.name).not.toBe(b.name);
      expect(await databaseExists(a.name)).toBe(true);
      expect(await databaseExists(b.name)).toBe(true);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
