/**
 * A relay or consumer process of the Kafka delivery scenario, run with
 * `node -r tools/runtime/register-source.js delivery-child.util.ts` and killed by the spec. Reports on stdout,
 * one JSON object per line. HANG_KEY/HANG_SEQ make it stop at a chosen point, with work
 * done but not acknowledged (rows published but not deleted; an effect committed but its
 * offset not), and say so, so the spec's SIGKILL lands exactly there. HANG_AFTER counts
 * records published (relay) or events applied (consumer) by this process.
 */
import { Pool } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { IdempotentConsumer, KafkaEventBusService, OutboxRelayService, type OutgoingRecord, pgTransactional, silentLogger } from '../../src';
import { SCHEMA, applyEffects } from './delivery-scenario.util';
import { type SequenceStep, sequenceTopic } from './sequence-topic.util';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const hangAfter = process.env['HANG_AFTER'] ? Number(process.env['HANG_AFTER']) : Infinity;
const forever = () => new Promise<never>(() => undefined);

async function main(): Promise<void> {
  const role = env('ROLE');
  const topic = sequenceTopic(env('TOPIC'), Number(env('PARTITIONS')));
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 6, application_name: role });
  const bus = new KafkaEventBusService({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: `delivery-${role}`,
    logger: process.env['VERBOSE'] ? undefined : silentLogger,
    consumer: { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200, stallTimeoutMs: 20_000 },
    supervision: { initialRestartDelayMs: 200, maxRestartDelayMs: 2_000 },
  });
  let stop: () => Promise<void> = async () => undefined;
  let final: () => Record<string, unknown> = () => ({});
  // Installed before anything starts: a process told to stop while it is still joining its
  // group (the spec's last consumer may be) stops as cleanly as a running one.
  process.once('SIGTERM', () => {
    void (async () => {
      await stop();
      await bus.stop();
      await pool.end();
      say(final());
      process.exit(0);
    })();
  });

  if (role === 'relay') {
    let published = 0;
    const publisher = {
      publish: bus.publish.bind(bus),
      publishRecords: async (records: OutgoingRecord[]) => {
        await bus.publishRecords(records);
        published += records.length;
        if (published >= hangAfter) {
          say({ hung: 'published, rows not deleted' });
          await forever();
        }
      },
    };
    const relay = new OutboxRelayService({ pool, schema: SCHEMA, publisher, batchSize: 500, pollIntervalMs: 200, logger: silentLogger });
    await bus.start();
    await relay.start();
    stop = () => relay.stop();
  } else {
    const consumer = new IdempotentConsumer<import('pg').PoolClient, EventEnvelope<SequenceStep>>({ transactional: pgTransactional(pool), schema: SCHEMA, group: env('GROUP'), applyBatch: applyEffects });
    let reported = 0;
    let duplicatesReported = 0;
    bus.subscribe({
      topic,
      group: env('GROUP'),
      maxBatchSize: 500,
      retry: { initialDelayMs: 50, maxDelayMs: 1_000, onExhausted: 'block' },
      batchHandler: async (envelopes, context) => {
        await consumer.batchHandler(envelopes, context);
        // Every change of the duplicate count is reported, so a killed process has told it.
        if (consumer.stats.duplicates !== duplicatesReported || Date.now() - reported > 100) {
          reported = Date.now();
          duplicatesReported = consumer.stats.duplicates;
          say({ stats: consumer.stats });
        }
        if (consumer.stats.applied >= hangAfter) {
          say({ hung: 'effect committed, offset not', stats: consumer.stats });
          await forever();
        }
      },
    });
    await bus.start();
    final = () => ({ final: consumer.stats, restarts: bus.restarts() });
  }
  say({ ready: role });

}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
