import type { RetentionRule } from './retention-rule.type';

export interface SqlRetentionRuleOptions {
  name: string;
  /** Rows older than this (by the service's clock, `runtime.now()`) may go. */
  retentionMs: number;
  /**
   * One statement that deletes at most $2 rows older than $1 (a timestamptz: now − retention)
   * and answers one row `{ n }`, the number deleted. Typically
   * `WITH doomed AS MATERIALIZED (SELECT key … LIMIT $2 FOR UPDATE SKIP LOCKED), gone AS
   * (DELETE … USING doomed … RETURNING 1) SELECT count(*)::int AS n FROM gone`: SKIP LOCKED
   * keeps the sweep off rows the service is working on, and a data-modifying CTE can take a
   * row's dependants (rows referencing it) in the same statement.
   */
  sql: string;
}

/** A retention rule that is one SQL statement with the cutoff and the batch size as parameters. */
export function sqlRetentionRule(options: SqlRetentionRuleOptions): RetentionRule {
  if (!Number.isFinite(options.retentionMs) || options.retentionMs <= 0) {
    throw new Error(`retention rule ${options.name}: retentionMs must be positive, got ${options.retentionMs}`);
  }
  return {
    name: options.name,
    async deleteBatch(sql, now, limit) {
      const rows = await sql.query<{ n: number }>(options.sql, [new Date(now.getTime() - options.retentionMs), limit]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
