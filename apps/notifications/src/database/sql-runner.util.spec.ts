import { sqlRunner } from './sql-runner.util';

describe(sqlRunner.name, () => {
  const answering = (result: unknown) => sqlRunner({ query: async () => result });

  it('passes rows through', async () => {
    expect(await answering([{ id: 1 }, { id: 2 }]).query('SELECT')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("unwraps TypeORM's [rows, rowCount] answer to UPDATE and DELETE", async () => {
    expect(await answering([[{ id: 1 }], 1]).query('UPDATE … RETURNING id')).toEqual([{ id: 1 }]);
    expect(await answering([[], 0]).query('UPDATE')).toEqual([]);
  });

  it('gives no rows for statements without any', async () => {
    expect(await answering(undefined).query('CREATE')).toEqual([]);
  });
});
