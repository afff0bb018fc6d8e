import { Pool, type PoolClient } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { IdempotentConsumer, InProcessEventBusService, OutboxRelayService, pgTransactional, silentLogger } from '../src';
import { SCHEMA, applyEffects, checkEffects, countEffects, countOutbox, migrate, produce, terminateSessions } from './support/delivery-scenario.util';
import { type SequenceStep, type SequenceTopic, sequenceTopic, waitFor } from './support/sequence-topic.util';

const KEYS = 50;
const PER_KEY = 200;
const TOTAL = KEYS * PER_KEY;

/**
 * One run of the all-in-one process: its bus, relay and two consumer members. `hangOn`
 * makes the effect of matching events hang until the process crashes, so the crash is sure
 * to find a relay round half handled.
 */
async function startProcess(db: TestDatabase, topic: SequenceTopic, hangOn?: { key: string; seq: number; crashed: AbortSignal; reached: () => void }) {
  const relayPool = new Pool({ connectionString: db.url, application_name: 'relay', max: 3 });
  const consumerPool = new Pool({ connectionString: db.url, application_name: 'consumer', max: 4 });
  // Sessions killed from the server side surface as pool errors on idle clients.
  relayPool.on('error', () => undefined);
  consumerPool.on('error', () => undefined);
  const bus = new InProcessEventBusService({ topics: [topic], logger: silentLogger });
  const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<SequenceStep>>({
    transactional: pgTransactional(consumerPool),
    schema: SCHEMA,
    group: 'effects',
    applyBatch: async (tx, envelopes) => {
      if (hangOn && envelopes.some((e) => e.payload.key === hangOn.key && e.payload.seq >= hangOn.seq)) {
        hangOn.reached();
        await new Promise((_, reject) => hangOn.crashed.addEventListener('abort', () => reject(new Error('process crashed'))));
      }
      await applyEffects(tx, envelopes);
    },
  });
  const subscribe = () =>
    bus.subscribe({ topic, group: 'effects', batchHandler: consumer.batchHandler, maxBatchSize: 200, retry: { initialDelayMs: 10, maxDelayMs: 200, onExhausted: 'block' } });
  const members = [subscribe(), subscribe()];
  await bus.start();
  const relay = new OutboxRelayService({ pool: relayPool, schema: SCHEMA, publisher: bus, batchSize: 250, pollIntervalMs: 100, logger: silentLogger });
  await relay.start();
  return {
    bus,
    relay,
    consumer,
    members,
    subscribe,
    async end() {
      await relay.stop();
      await bus.stop();
      await Promise.all([relayPool.end(), consumerPool.end()]);
    },
  };
}

describe('outbox → in-process bus → idempotent consumer', () => {
  let db: TestDatabase;
  let admin: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_in_process');
    admin = new Pool({ connectionString: db.url, max: 2 });
    await migrate(admin);
  });

  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  it(`applies ${TOTAL} events exactly once and in order per key through a crash and lost connections`, async () => {
    const topic = sequenceTopic('test.delivery.v1', 8);
    const producing = produce(admin, topic, KEYS, PER_KEY);

    // A crash of the whole process: its bus (and everything queued in memory) is gone, its
    // sessions die mid-transaction. Only PostgreSQL remembers anything.
    const crash = new AbortController();
    let reached = false;
    const first = await startProcess(db, topic, { key: 'key-7', seq: 60, crashed: crash.signal, reached: () => (reached = true) });
    await waitFor(() => reached, 60_000, 'the hanging effect');
    // Let the other partitions apply their share of the relay's current round.
    await new Promise((resolve) => setTimeout(resolve, 300));
    crash.abort();
    await Promise.all([terminateSessions(admin, 'relay'), terminateSessions(admin, 'consumer'), first.bus.stop()]);
    await first.end();

    const second = await startProcess(db, topic);
    await waitFor(async () => (await countEffects(admin)) >= 6_000, 60_000, '60 % of the effects');
    // The consumer's connections die under it, and one member leaves and another joins.
    expect(await terminateSessions(admin, 'consumer')).toBeGreaterThan(0);
    await second.members[0].close();
    second.subscribe();

    await producing;
    await waitFor(async () => (await countEffects(admin)) >= TOTAL && (await countOutbox(admin)) === 0, 60_000, 'every effect and an empty outbox');
    await second.end();

    expect(await checkEffects(admin, KEYS, PER_KEY)).toEqual({ total: TOTAL, distinct: TOTAL });
    // Redelivery did happen (rows relayed again after the crash) and was absorbed.
    expect(first.consumer.stats.duplicates + second.consumer.stats.duplicates).toBeGreaterThan(0);
    expect(first.consumer.stats.applied + second.consumer.stats.applied).toBe(TOTAL);
  }, 150_000);
});
