import type { Pool, PoolClient } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { OutboxService, outboxMigrationSql, processedEventsMigrationSql } from '../../src';
import { type SequenceStep, type SequenceTopic, assertOrderedPerKey, sequenceEnvelopes } from './sequence-topic.util';

/**
 * The delivery scenario shared by the adapters' tests: `keys` × `perKey` events go through
 * the outbox; the consumer's effect appends a row per applied event to `effects`, whose
 * identity column records the order of application. No unique constraint there: a
 * duplicate effect must show up as a second row.
 */
export const SCHEMA = 'delivery';

export async function migrate(pool: Pool): Promise<void> {
  await pool.query(outboxMigrationSql(SCHEMA));
  await pool.query(processedEventsMigrationSql(SCHEMA));
  await pool.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.effects (
    applied bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL,
    key text NOT NULL,
    seq int NOT NULL
  )`);
}

/** The consumer's effect: one multi-row insert in the idempotent consumer's transaction. */
export async function applyEffects(tx: PoolClient, envelopes: Array<EventEnvelope<SequenceStep>>): Promise<void> {
  await tx.query(
    `INSERT INTO ${SCHEMA}.effects (event_id, key, seq)
     SELECT e.id, e.key, e.seq FROM unnest($1::uuid[], $2::text[], $3::int[]) WITH ORDINALITY AS e(id, key, seq, ord) ORDER BY e.ord`,
    [envelopes.map((e) => e.id), envelopes.map((e) => e.payload.key), envelopes.map((e) => e.payload.seq)],
  );
}

/** Enqueues every event, `perTransaction` at a time, as a service's commands would. */
export async function produce(pool: Pool, topic: SequenceTopic, keys: number, perKey: number, perTransaction = 100): Promise<void> {
  const outbox = new OutboxService({ schema: SCHEMA });
  const envelopes = sequenceEnvelopes(topic, keys, perKey);
  for (let i = 0; i < envelopes.length; i += perTransaction) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await outbox.enqueue(client, topic, envelopes.slice(i, i + perTransaction));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
}

export async function countEffects(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects`);
  return rows[0].n;
}

export async function countOutbox(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`);
  return rows[0].n;
}

/** Every event applied exactly once, and in order per key. */
export async function checkEffects(pool: Pool, keys: number, perKey: number): Promise<{ total: number; distinct: number }> {
  const { rows: counts } = await pool.query<{ total: number; distinct: number }>(`SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM ${SCHEMA}.effects`);
  const { rows } = await pool.query<{ key: string; seq: number }>(`SELECT key, seq FROM ${SCHEMA}.effects ORDER BY applied`);
  assertOrderedPerKey(rows, keys, perKey);
  return counts[0];
}

/** Kills the server sessions of one application_name, as a crashed process would lose them. */
export async function terminateSessions(pool: Pool, applicationName: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [applicationName],
  );
  return rows[0].n;
}
