import { MessagingConfigException } from '../core/messaging.exception';
import { type Queryable, type SqlRunner, quoteSchema, toSqlRunner } from './sql-runner.type';

export interface PurgeProcessedEventsOptions {
  /** Schema holding `processed_events` (see processedEventsMigrationSql). */
  schema: string;
  /**
   * Ids recorded longer ago than this go, whatever their consumer group. Keep them longer than
   * any redelivery can take (a topic's retention is the safe bound): a duplicate arriving after
   * its id was purged is applied again.
   */
  olderThanMs: number;
  /** Most rows one call deletes, so a large backlog never holds a long transaction. */
  limit: number;
}

/**
 * Forgets the oldest processed-event ids of every consumer group of a schema, at most
 * `limit` per call; returns how many went. Call it again while it returns `limit`.
 *
 * `processed_at` is stamped by the database's clock, so the age is measured by that clock
 * too. The rows are picked through the processed_at index and deleted by ctid (a TID scan:
 * no second index search), and rows another session holds are skipped rather than waited for,
 * so two replicas purging at once share the work.
 */
export async function purgeProcessedEvents(sql: Queryable | SqlRunner, options: PurgeProcessedEventsOptions): Promise<number> {
  const s = quoteSchema(options.schema);
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new MessagingConfigException(`purge processed events: limit must be an integer ≥ 1, got ${options.limit}`);
  if (!Number.isFinite(options.olderThanMs) || options.olderThanMs < 0) throw new MessagingConfigException(`purge processed events: olderThanMs must be ≥ 0, got ${options.olderThanMs}`);
  const rows = await toSqlRunner(sql).query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM ${s}.processed_events WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM ${s}.processed_events
         WHERE processed_at < now() - $1::bigint * interval '1 millisecond'
         ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED))
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [Math.floor(options.olderThanMs), options.limit],
  );
  return rows[0]?.n ?? 0;
}
