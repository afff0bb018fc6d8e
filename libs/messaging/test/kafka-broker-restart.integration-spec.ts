import { type PoolClient, Pool } from 'pg';
import type { EventEnvelope } from '@underpin/contracts';
import { type BrokerHandle, createTestDatabase, startDedicatedBroker, uniqueTopicName, type TestDatabase } from '@underpin/testing';
import { IdempotentConsumer, KafkaEventBusService, type MessagingLogger, OutboxRelayService, pgTransactional, silentLogger } from '../src';
import { SCHEMA, applyEffects, checkEffects, countEffects, countOutbox, migrate, produce } from './support/delivery-scenario.util';
import { type SequenceStep, sequenceEnvelopes, sequenceTopic, waitFor } from './support/sequence-topic.util';

/** A logger keeping each line as an operator would read it: level, message, fields. */
function recordingLogger(lines: string[]): MessagingLogger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

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
    const producerBus = new KafkaEventBusService({ ...options, clientId: 'restart-relay' });
    const consumerBus = new KafkaEventBusService({ ...options, clientId: 'restart-consumer' });
    await producerBus.ensureTopics([topic]);
    const pool = new Pool({ connectionString: db.url, max: 6 });
    const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<SequenceStep>>({ transactional: pgTransactional(pool), schema: SCHEMA, group: 'effects', applyBatch: applyEffects });
    consumerBus.subscribe({ topic, group: `${topic.name}.effects`, batchHandler: consumer.batchHandler, retry: { initialDelayMs: 50, maxDelayMs: 1_000, onExhausted: 'block' } });
    const relay = new OutboxRelayService({ pool, schema: SCHEMA, publisher: producerBus, batchSize: 200, pollIntervalMs: 200, maxBackoffMs: 1_000, logger: silentLogger });
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

  it('logs a broker outage in one line when the connection is lost and one when it is back, per bus', async () => {
    const topic = sequenceTopic(uniqueTopicName('outage'), 3);
    const producerLines: string[] = [];
    const consumerLines: string[] = [];
    // The bus's own defaults: what a service runs with.
    const producerBus = new KafkaEventBusService({ brokers: broker.brokers, clientId: 'outage-relay', logger: recordingLogger(producerLines) });
    const consumerBus = new KafkaEventBusService({ brokers: broker.brokers, clientId: 'outage-consumer', logger: recordingLogger(consumerLines) });
    await producerBus.ensureTopics([topic]);
    const seen = new Set<number>();
    consumerBus.subscribe({ topic, group: `${topic.name}.effects`, handler: async (envelope) => void seen.add(envelope.payload.seq) });
    const envelopes = sequenceEnvelopes(topic, 1, 10_000);
    let published = 0;
    let publishing = true;
    // An outbox relay's pace: one event every 200 ms, a failed publish tried again.
    const relay = (async () => {
      while (publishing && published < envelopes.length) {
        await producerBus.publish(topic, [envelopes[published]]).then(
          () => (published += 1),
          () => undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    try {
      await Promise.all([producerBus.start(), consumerBus.start()]);
      await waitFor(() => seen.size >= 5, 60_000, 'the first events');
      const [relayBefore, consumerBefore] = [producerLines.length, consumerLines.length];

      await broker.kill();
      // The outage: the brokers are away this long (the restart adds its own start time).
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      await broker.restart();
      const afterRestart = published;
      // Both buses have had answers from the brokers by then: the relay's publishes, the consumer's fetches.
      await waitFor(() => seen.has(afterRestart + 5), 120_000, 'events published after the restart to be consumed');

      const withStack = (line: string) => line.includes('"stack"') || /\\n\s+at /.test(line);
      const outageLines = { relay: producerLines.slice(relayBefore), consumer: consumerLines.slice(consumerBefore) };
      for (const [name, lines] of Object.entries(outageLines)) {
        process.stdout.write(`broker outage: the ${name} bus logged ${lines.length} lines, ${lines.filter(withStack).length} with a stack\n${lines.map((line) => `  ${line.slice(0, 300)}`).join('\n')}\n`);
      }
      for (const lines of Object.values(outageLines)) {
        expect(lines.filter(withStack)).toEqual([]);
        expect(lines.filter((line) => line.startsWith('warn lost the connection to Kafka broker'))).toHaveLength(1);
        expect(lines.filter((line) => /^info connection to Kafka broker \S+ back after \d+\.\d s/.test(line))).toHaveLength(1);
        expect(lines.length).toBeLessThanOrEqual(4);
      }
    } finally {
      publishing = false;
      await relay;
      await Promise.all([producerBus.stop(), consumerBus.stop()]);
    }
  }, 240_000);
});
