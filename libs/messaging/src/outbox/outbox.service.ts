import { type AnyTopicDefinition, type EnvelopeOf, type EventEnvelope, assertEnvelope } from '@underpin/contracts';
import { traceparentForRecords } from '../core/trace.util';
import { outboxChannel } from './outbox-migration.util';
import { type Queryable, type SqlRunner, quoteSchema, toSqlRunner } from './sql-runner.type';

export interface OutboxOptions {
  /** The service's schema, holding the table of `outboxMigrationSql(schema)`. */
  schema: string;
  /** NOTIFY the relay on commit (default true); without it the relay finds rows by polling. */
  notify?: boolean;
}

/**
 * Writes events in the caller's transaction, next to the state change that caused them, so
 * both commit or neither does. Per-key order is the order of enqueue; callers that can
 * enqueue for one key from concurrent transactions must serialise them (e.g. by locking the
 * aggregate's row), as they must for the state change itself.
 */
export class OutboxService {
  private readonly insertSql: string;
  private readonly channel: string | undefined;

  constructor(options: OutboxOptions) {
    const s = quoteSchema(options.schema);
    this.channel = options.notify === false ? undefined : outboxChannel(options.schema);
    this.insertSql = `INSERT INTO ${s}.outbox (event_id, topic, event_key, envelope, headers)
      SELECT e.id, $1, e.key, e.envelope, e.headers
      FROM unnest($2::uuid[], $3::text[], $4::json[], $5::json[]) WITH ORDINALITY AS e(id, key, envelope, headers, ord)
      ORDER BY e.ord`;
  }

  /** Validates the envelopes against the topic's contract and inserts them with `tx`. */
  async enqueue<D extends AnyTopicDefinition>(tx: Queryable | SqlRunner, topic: D, envelopes: ReadonlyArray<EnvelopeOf<D>>): Promise<void> {
    if (envelopes.length === 0) return;
    const traceparent = envelopes.some((envelope) => envelope.traceparent === undefined) ? traceparentForRecords(topic.name) : undefined;
    const rows = envelopes.map((envelope) => {
      const stamped: EventEnvelope = envelope.traceparent === undefined && traceparent !== undefined ? { ...envelope, traceparent } : envelope;
      assertEnvelope(topic, stamped);
      return stamped;
    });
    const sql = toSqlRunner(tx);
    const params = [
      topic.name,
      rows.map((e) => e.id),
      rows.map((e) => e.key),
      rows.map((e) => JSON.stringify(e)),
      rows.map((e) => JSON.stringify(e.traceparent === undefined ? {} : { traceparent: e.traceparent })),
    ];
    if (this.channel === undefined) {
      await sql.query(this.insertSql, params);
    } else {
      await sql.query(`WITH inserted AS (${this.insertSql} RETURNING 1) SELECT pg_notify($6, '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`, [...params, this.channel]);
    }
  }
}
