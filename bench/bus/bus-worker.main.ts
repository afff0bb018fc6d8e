/**
 * Relay or consumer process of the bus benchmark (ROLE=relay|consumer). The consumer keeps
 * the insert→effect latency of each event; SIGUSR2 first starts recording, then prints
 * their percentiles.
 */
import { Pool, type PoolClient } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { IdempotentConsumer, KafkaEventBusService, OutboxRelayService, pgTransactional } from '@underpin/messaging';
import { BENCH_SCHEMA, type BenchTick, benchTopic } from './bench-topic.util';

async function main(): Promise<void> {
  const role = process.env['ROLE'];
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 16 });
  const bus = new KafkaEventBusService({
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    clientId: `bench-${role}`,
    consumer: { partitionsConsumedConcurrently: 12, maxWaitTimeMs: 100 },
  });
  let stopRelay = async () => undefined as void;
  if (role === 'relay') {
    const relay = new OutboxRelayService({ pool, schema: BENCH_SCHEMA, publisher: bus, batchSize: 1_000, pollIntervalMs: 500 });
    await bus.start();
    await relay.start();
    stopRelay = () => relay.stop();
  } else {
    let latencies: number[] | undefined;
    process.on('SIGUSR2', () => {
      if (latencies === undefined) {
        latencies = [];
        process.stdout.write('reset\n');
      } else {
        const sorted = [...latencies].sort((a, b) => a - b);
        const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
        process.stdout.write(`latencies ${JSON.stringify({ count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] })}\n`);
      }
    });
    const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<BenchTick>>({
      transactional: pgTransactional(pool),
      schema: BENCH_SCHEMA,
      group: 'bench-effects',
      applyBatch: async (tx, envelopes) => {
        await tx.query(`INSERT INTO ${BENCH_SCHEMA}.effects (event_id, key, seq) SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[])`, [
          envelopes.map((e) => e.id),
          envelopes.map((e) => e.payload.key),
          envelopes.map((e) => e.payload.seq),
        ]);
      },
    });
    bus.subscribe({
      topic: benchTopic,
      group: 'bench-effects',
      maxBatchSize: 1_000,
      batchHandler: async (envelopes, context) => {
        await consumer.batchHandler(envelopes, context);
        if (latencies !== undefined) {
          const now = Date.now();
          for (const envelope of envelopes) latencies.push(now - Date.parse(envelope.occurredAt));
        }
      },
    });
    await bus.start();
  }
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await stopRelay();
      await bus.stop();
      await pool.end();
      const cpu = process.cpuUsage();
      process.stderr.write(`${role} worker CPU: ${Math.round((cpu.user + cpu.system) / 1000)} ms\n`);
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
