import type { EventEnvelope } from '@underpin/contracts';
import type { BatchEventHandler, EventHandler, HandlerContext } from '../core/event-bus.type';
import { MessagingConfigException } from '../core/messaging.exception';
import { type Queryable, type SqlRunner, type Transactional, quoteSchema, toSqlRunner } from './sql-runner.type';

export interface IdempotentConsumerOptions<Tx, E extends EventEnvelope> {
  /** How to open a transaction: `pgTransactional(pool)` or `typeOrmTransactional(dataSource)`. */
  transactional: Transactional<Tx>;
  /** Schema holding `processed_events` (see processedEventsMigrationSql), usually the service's. */
  schema: string;
  /** The consumer group: ids are remembered per group, so two groups both apply an event. */
  group: string;
  /** The effect of one event, applied with `tx` (the transaction that also records its id). */
  apply?: (tx: Tx, envelope: E, context: HandlerContext) => Promise<void>;
  /** The effect of several new events at once, in order (e.g. one multi-row insert). */
  applyBatch?: (tx: Tx, envelopes: E[], context: HandlerContext) => Promise<void>;
}

export interface IdempotencyStats {
  applied: number;
  duplicates: number;
}

/**
 * Makes an at-least-once stream exactly-once in effect: each batch runs in one transaction
 * that first records the event ids of the group (ON CONFLICT DO NOTHING) and then applies
 * only the events whose id was new. A redelivered event finds its id and is skipped; two
 * members handling the same event at once (after a rebalance) serialise on its row, and the
 * second skips it when the first commits.
 */
export class IdempotentConsumer<Tx, E extends EventEnvelope = EventEnvelope> {
  readonly stats: IdempotencyStats = { applied: 0, duplicates: 0 };
  private readonly recordSql: string;
  private readonly purgeSql: string;

  constructor(private readonly options: IdempotentConsumerOptions<Tx, E>) {
    const s = quoteSchema(options.schema);
    if (!options.group) throw new MessagingConfigException('idempotent consumer: group must not be empty');
    if (!options.apply && !options.applyBatch) throw new MessagingConfigException(`idempotent consumer ${options.group}: give apply or applyBatch`);
    this.recordSql = `INSERT INTO ${s}.processed_events (consumer_group, event_id)
      SELECT $1, id FROM unnest($2::uuid[]) AS id
      ON CONFLICT DO NOTHING RETURNING event_id::text AS event_id`;
    this.purgeSql = `DELETE FROM ${s}.processed_events WHERE consumer_group = $1 AND processed_at < $2`;
  }

  /** For `bus.subscribe({ handler })`. */
  readonly handler: EventHandler<E> = (envelope, context) => this.process([envelope], context);

  /** For `bus.subscribe({ batchHandler })`: one transaction per batch. */
  readonly batchHandler: BatchEventHandler<E> = (envelopes, context) => this.process(envelopes, context);

  /**
   * Forgets ids older than `before`. Keep them longer than any redelivery can take (a topic's
   * retention is the safe bound): a duplicate arriving after its id was purged is applied again.
   * For every group of a schema at once, in bounded batches, see `purgeProcessedEvents`.
   */
  async purgeProcessed(sql: Queryable | SqlRunner, before: Date): Promise<number> {
    const rows = await toSqlRunner(sql).query<{ n: number }>(`WITH gone AS (${this.purgeSql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [this.options.group, before]);
    return rows[0]?.n ?? 0;
  }

  private async process(envelopes: E[], context: HandlerContext): Promise<void> {
    const outcome = await this.options.transactional(async (tx, sql) => {
      const fresh = await sql.query<{ event_id: string }>(this.recordSql, [this.options.group, envelopes.map((e) => e.id)]);
      const freshIds = new Set(fresh.map((row) => row.event_id));
      const toApply: E[] = [];
      for (const envelope of envelopes) {
        // Lower-cased like PostgreSQL prints uuids; deleting marks a repeat within the batch.
        if (freshIds.delete(envelope.id.toLowerCase())) toApply.push(envelope);
      }
      if (toApply.length > 0) {
        if (this.options.applyBatch) await this.options.applyBatch(tx, toApply, context);
        else for (const envelope of toApply) await this.options.apply!(tx, envelope, context);
      }
      return { applied: toApply.length, duplicates: envelopes.length - toApply.length };
    });
    this.stats.applied += outcome.applied;
    this.stats.duplicates += outcome.duplicates;
  }
}

