import { toSqlRunner } from './sql-runner.type';

describe(toSqlRunner.name, () => {
  const answering = (result: unknown) => toSqlRunner({ query: async () => result });

  it("passes TypeORM's rows through and takes pg's from its result", async () => {
    expect(await answering([{ id: 1 }, { id: 2 }]).query('SELECT')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await answering({ rows: [{ id: 3 }], rowCount: 1 }).query('SELECT')).toEqual([{ id: 3 }]);
  });

  it("unwraps TypeORM's [rows, rowCount] answer to UPDATE and DELETE", async () => {
    expect(await answering([[{ id: 1 }], 1]).query('UPDATE … RETURNING id')).toEqual([{ id: 1 }]);
    expect(await answering([[], 0]).query('UPDATE')).toEqual([]);
  });

  it('keeps two rows as two rows', async () => {
    expect(await answering([{ n: 1 }, { n: 2 }]).query('SELECT')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('gives no rows for statements without any', async () => {
    expect(await answering(undefined).query('CREATE')).toEqual([]);
  });
});
