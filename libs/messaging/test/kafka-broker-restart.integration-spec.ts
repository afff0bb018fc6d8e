import { type PoolClient, Pool } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { type BrokerHandle, createTestDatabase, startDedicatedBroker, uniqueTopicName, type TestDatabase } from '@underpin/testing';
import { IdempotentConsumer, KafkaEventBus, OutboxRelay, pgTransactional, silentLogger } from '../src';
import { SCHEMA, applyEffects, checkEffects, countEffects, countOutbox, migrate, produce } from './support/delivery-scenario.util';
import { type SequenceStep, sequenceTopic, waitFor } from './support/sequence-topic.util';

const KEYS = 30;
const PER_KEY = 200;
const TOTAL = KEYS * PER_KEY;

describe('Kafka broker restart under load', () => {
  let broker: BrokerHandle;
  let db: TestDatabase;
  let admin: Pool;

  beforeAll(async () => {
    [broker, db] = await Promise.all([startDedicatedBroker(), createTestDatabase('messaging_broker_restart')]);
    admin = new Pool({ connectionString: db.url, max: 3 });
    await migrate(admin);
  }, 120_000);

  afterAll(async () => {
    await admin?.end();
    await db?.drop();
    await broker?.stop();
  }, 60_000);

  it('resumes relay and consumer by themselves: nothing lost, nothing applied twice', async () => {
    const topic = sequenceTopic(uniqueTopicName('restart'), 6);
    const options = {
      brokers: broker.brokers,
      logger: silentLogger,
      consumer: { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200, stallTimeoutMs: 15_000 },
      supervision: { initialRestartDelayMs: 200, maxRestartDelayMs: 2_000 },
    };
    const producerBus = new KafkaEventBus({ ...options, clientId: 'restart-relay' });
    const consumerBus = new KafkaEventBus({ ...options, clientId: 'restart-consumer' });
    await producerBus.ensureTopics([topic]);
    const pool = new Pool({ connectionString: db.url, max: 6 });
    const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<SequenceStep>>({ transactional: pgTransactional(pool), schema: SCHEMA, group: 'effects', applyBatch: applyEffects });
    consumerBus.subscribe({ topic, group: `${topic.name}.effects`, batchHandler: consumer.batchHandler, retry: { initialDelayMs: 50, maxDelayMs: 1_000, onExhausted: 'block' } });
    const relay = new OutboxRelay({ pool, schema: SCHEMA, publisher: producerBus, batchSize: 200, pollIntervalMs: 200, maxBackoffMs: 1_000, logger: silentLogger });
    try {
      await Promise.all([producerBus.start(), consumerBus.start()]);
      await relay.start();
      // Paced so that events are still flowing while the broker is away.
      const producing = produce(admin, topic, KEYS, PER_KEY, 20);

      await waitFor(async () => (await countEffects(admin)) >= 1_000, 60_000, 'the first effects');
      await broker.restart();
      const afterRestart = await countEffects(admin);

      await producing;
      await waitFor(async () => (await countOutbox(admin)) === 0 && (await countEffects(admin)) >= TOTAL, 120_000, 'an empty outbox and every effect');
      expect(afterRestart).toBeLessThan(TOTAL);
      expect(await checkEffects(admin, KEYS, PER_KEY)).toEqual({ total: TOTAL, distinct: TOTAL });
    } finally {
      await relay.stop();
      await Promise.all([producerBus.stop(), consumerBus.stop()]);
      await pool.end();
    }
  }, 240_000);
});
