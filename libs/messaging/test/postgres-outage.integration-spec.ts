import { type PoolClient, Pool } from 'pg';
import type { DeadLetter, EventEnvelope } from '@underpin/contracts';
import { createTestDatabase, testKafkaBrokers, uniqueTopicName, type TestDatabase } from '@underpin/testing';
import { IdempotentConsumer, KafkaEventBusService, OutboxRelayService, pgTransactional, silentLogger } from '../src';
import { SCHEMA, applyEffects, checkEffects, countEffects, countOutbox, migrate, produce } from './support/delivery-scenario.util';
import { type SequenceStep, sequenceTopic, waitFor } from './support/sequence-topic.util';
import { TcpProxy } from './support/tcp-proxy.util';

const KEYS = 20;
const PER_KEY = 150;
const TOTAL = KEYS * PER_KEY;
const OUTAGE_MS = 4_000;

describe('consumer during a PostgreSQL outage', () => {
  let db: TestDatabase;
  let admin: Pool;
  let proxy: TcpProxy;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_pg_outage');
    admin = new Pool({ connectionString: db.url, max: 3 });
    await migrate(admin);
    const url = new URL(db.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
  });

  afterAll(async () => {
    await proxy?.stop();
    await admin?.end();
    await db?.drop();
  });

  it('waits the outage out with the default retry policy: every effect once, in order, nothing dead-lettered', async () => {
    const topic = sequenceTopic(uniqueTopicName('pg-outage'), 4);
    const options = { brokers: testKafkaBrokers(), logger: silentLogger, consumer: { maxWaitTimeMs: 100 } };
    const producerBus = new KafkaEventBusService({ ...options, clientId: 'outage-relay' });
    const consumerBus = new KafkaEventBusService({ ...options, clientId: 'outage-consumer' });
    await producerBus.ensureTopics([topic]);
    // The consumer reaches PostgreSQL through the proxy; the relay and the test do not.
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const consumerPool = new Pool({ connectionString: proxied.toString(), max: 4, connectionTimeoutMillis: 1_000 });
    consumerPool.on('error', () => undefined);
    const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<SequenceStep>>({ transactional: pgTransactional(consumerPool), schema: SCHEMA, group: 'effects', applyBatch: applyEffects });
    // Default attempts and dead-letter on exhaustion, with delays short enough that the
    // attempts run out well inside the outage.
    consumerBus.subscribe({ topic, group: `${topic.name}.effects`, batchHandler: consumer.batchHandler, maxBatchSize: 50, retry: { initialDelayMs: 50, maxDelayMs: 400 } });
    const deadLetters: DeadLetter[] = [];
    consumerBus.subscribeDeadLetters({ topic, group: `${topic.name}.ops`, handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    const relay = new OutboxRelayService({ pool: admin, schema: SCHEMA, publisher: producerBus, batchSize: 100, pollIntervalMs: 100, maxBackoffMs: 500, logger: silentLogger });
    try {
      await Promise.all([producerBus.start(), consumerBus.start()]);
      await relay.start();
      const producing = produce(admin, topic, KEYS, PER_KEY, 10);

      await waitFor(async () => (await countEffects(admin)) >= 300, 60_000, 'the first effects');
      await proxy.cut();
      const atCut = await countEffects(admin);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const duringOutage = (await countEffects(admin)) - atCut;
      await proxy.restore();

      await producing;
      await waitFor(async () => (await countOutbox(admin)) === 0 && (await countEffects(admin)) >= TOTAL, 90_000, 'an empty outbox and every effect');
      expect(duringOutage).toBe(0);
      expect(atCut).toBeLessThan(TOTAL);
      expect(await checkEffects(admin, KEYS, PER_KEY)).toEqual({ total: TOTAL, distinct: TOTAL });
      expect(deadLetters).toEqual([]);
    } finally {
      await relay.stop();
      await Promise.all([producerBus.stop(), consumerBus.stop()]);
      await consumerPool.end();
    }
  }, 180_000);
});
