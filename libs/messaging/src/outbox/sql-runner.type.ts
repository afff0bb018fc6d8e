import type { Pool, PoolClient } from 'pg';
import { MessagingConfigException } from '../core/messaging.exception';

/** The one thing the outbox and idempotent consumer need from a database connection. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * Anything with a `query(sql, params)`: a pg Client/PoolClient/Pool (resolves to `{ rows }`),
 * a TypeORM DataSource, EntityManager or QueryRunner (resolves to the rows, or to
 * `[rows, rowCount]` for UPDATE and DELETE), or a SqlRunner.
 */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The one adapter from a connection, pg's or TypeORM's, to a SqlRunner: every statement gives its rows. */
export function toSqlRunner(target: Queryable | SqlRunner): SqlRunner {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<R[]> {
      return rowsOf<R>(await target.query(sql, params));
    },
  };
}

/**
 * TypeORM's PostgreSQL driver answers UPDATE and DELETE with `[rows, rowCount]`, which taken
 * as rows would make `UPDATE … RETURNING` look like two odd rows. A row is an object, never
 * an array or a number, so that pair cannot be mistaken for the rows of another statement.
 */
function rowsOf<R>(result: unknown): R[] {
  if (Array.isArray(result)) {
    if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as R[];
    return result as R[];
  }
  if (result !== null && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) return (result as { rows: R[] }).rows;
  return [];
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export type Transactional<Tx> = <T>(work: (tx: Tx, sql: SqlRunner) => Promise<T>) => Promise<T>;

export function pgTransactional(pool: Pool): Transactional<PoolClient> {
  guardPool(pool);
  return async (work) => {
    const client = await checkout(pool);
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client, toSqlRunner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      unusable = await rollback(client);
      throw error;
    } finally {
      release(client, unusable);
    }
  };
}

const guarded = new WeakSet<Pool>();
const swallow = (): void => undefined;

/**
 * pg emits a lost connection as an 'error' event, on the pool for idle clients and on the
 * client while checked out; unheard, either would crash the process. The query in flight
 * fails anyway, which is where the error is handled.
 */
export function guardPool(pool: Pool): void {
  if (guarded.has(pool)) return;
  guarded.add(pool);
  pool.on('error', swallow);
}

export async function checkout(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  client.on('error', swallow);
  return client;
}

export function release(client: PoolClient, unusable?: Error): void {
  client.off('error', swallow);
  client.release(unusable);
}

/**
 * Rolls back; returns the error when even that failed, i.e. the connection is broken and
 * must be destroyed rather than returned to the pool.
 */
export async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Structural view of a TypeORM DataSource, so the core does not depend on TypeORM. */
export interface TypeOrmDataSourceLike<M> {
  transaction<T>(work: (manager: M) => Promise<T>): Promise<T>;
}

export function typeOrmTransactional<M extends Queryable>(dataSource: TypeOrmDataSourceLike<M>): Transactional<M> {
  return (work) => dataSource.transaction((manager) => work(manager, toSqlRunner(manager)));
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** A schema name as a quoted identifier; only plain lower-case names are accepted. */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new MessagingConfigException(`schema must be a lower-case SQL identifier (letters, digits, _; at most 48), got "${schema}"`);
  return `"${schema}"`;
}
