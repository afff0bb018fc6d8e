import type { SqlRunner } from '@underpin/messaging';

/** Anything with TypeORM's `query(sql, params)`: a DataSource or an EntityManager. */
export interface TypeOrmQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Rows of any statement through TypeORM. Its PostgreSQL driver answers UPDATE and DELETE with
 * `[rows, rowCount]` instead of the rows, which would make `UPDATE … RETURNING` look like two
 * odd rows; rows are objects, so that pair is told apart safely.
 */
export function sqlRunner(target: TypeOrmQueryable): SqlRunner {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<R[]> {
      const result = await target.query(sql, params);
      if (!Array.isArray(result)) return [];
      if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as R[];
      return result as R[];
    },
  };
}
