import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement as a named prepared statement on the transaction's connection, so the
 * server plans it once per connection instead of on every call: the hot statements of the
 * clocks are large, and planning them cost more than running them.
 */
export async function preparedQuery<R>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<R[]> {
  const runner = manager.queryRunner;
  if (runner === undefined) return (await manager.query(text, values)) as R[];
  const client = (await runner.connect()) as PgClient;
  return (await client.query({ name, text, values })).rows as R[];
}
