import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { BrokerAlreadyRunningException, startBroker } from '../../../tools/kafka/broker';
import { createTestTopic, startDedicatedBroker, testKafkaBrokers, uniqueTopicName, type BrokerHandle } from './kafka.util';
import { waitUntil } from './wait.util';

jest.setTimeout(120_000);

interface Received {
  key: string;
  value: string;
  partition: number;
  offset: string;
}

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'testing-lib-spec', brokers, logLevel: logLevel.NOTHING });
}

function idempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
}

async function consumeInto(
  kafka: Kafka,
  topic: string,
  groupId: string,
  into: Received[],
  sessionTimeout?: number,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, ...(sessionTimeout ? { sessionTimeout, heartbeatInterval: 1000 } : {}) });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      into.push({ key: String(message.key), value: String(message.value), partition, offset: message.offset });
    },
  });
  return consumer;
}

const messages = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `agreement-${(from + i) % 3}`, value: `event-${from + i}` }));

describe('kafka test helpers', () => {
  describe('shared broker', () => {
    const kafka = client(testKafkaBrokers());
    let producer: Producer | undefined;
    let consumer: Consumer | undefined;

    afterAll(async () => {
      await consumer?.disconnect();
      await producer?.disconnect();
    });

    it('round-trips idempotently produced messages through a consumer group and commits its offsets', async () => {
      const topic = await createTestTopic('testing.round-trip', { partitions: 2 });
      const groupId = uniqueTopicName('testing.group');
      const sent = messages(0, 12);
      producer = idempotentProducer(kafka);
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: sent });

      const received: Received[] = [];
      consumer = await consumeInto(kafka, topic, groupId, received);
      await waitUntil('12 messages to arrive', () => received.length >= sent.length);

      expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
      // Same key, same partition, in the order produced: what per-aggregate ordering relies on.
      for (const key of new Set(sent.map((m) => m.key))) {
        const forKey = received.filter((m) => m.key === key);
        expect(new Set(forKey.map((m) => m.partition)).size).toBe(1);
        expect(forKey.map((m) => m.value)).toEqual(sent.filter((m) => m.key === key).map((m) => m.value));
      }

      const admin = kafka.admin();
      await admin.connect();
      try {
        const committed = async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
        };
        await waitUntil('the group to commit all 12 offsets', async () => (await committed()) === sent.length, { intervalMs: 200 });
      } finally {
        await admin.disconnect();
      }
    });

    it('refuses to produce to a topic nobody created (auto-creation is off)', async () => {
      // The client asks for auto-creation (kafkajs' default); only the broker's setting refuses it.
      const eager = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 } });
      await eager.connect();
      try {
        await expect(eager.send({ topic: uniqueTopicName('testing.missing'), messages: [{ value: 'x' }] })).rejects.toThrow(
          /does not host this topic-partition/,
        );
      } finally {
        await eager.disconnect();
      }
    });
  });

  describe('dedicated broker', () => {
    let broker: BrokerHandle;
    let kafka: Kafka;
    let producer: Producer | undefined;
    let consumer: Consumer | undefined;

    beforeAll(async () => {
      broker = await startDedicatedBroker();
      kafka = client(broker.brokers);
    });

    afterAll(async () => {
      await consumer?.disconnect().catch(() => undefined);
      await producer?.disconnect().catch(() => undefined);
      await broker?.stop();
    });

    it('is not disturbed by a second start on its port', async () => {
      await expect(startBroker({ port: broker.port, controllerPort: broker.controllerPort })).rejects.toBeInstanceOf(
        BrokerAlreadyRunningException,
      );
    });

    it('keeps a consumer group receiving across a broker restart on the same data dir', async () => {
      const topic = await createTestTopic('testing.restart', { brokers: broker.brokers });
      const received: Received[] = [];
      producer = idempotentProducer(kafka);
      await producer.connect();
      // A consumer that crashed while the broker was down restarts as a new member, and the group
      // waits out the old member's session before rebalancing: a short session keeps that wait short.
      consumer = await consumeInto(kafka, topic, uniqueTopicName('testing.restart-group'), received, 8000);

      await producer.send({ topic, acks: -1, messages: messages(0, 5) });
      await waitUntil('the first 5 messages', () => received.length >= 5);

      const pidBefore = broker.pid;
      await broker.restart();
      expect(broker.pid).not.toBe(pidBefore);

      await producer.send({ topic, acks: -1, messages: messages(5, 5) });
      await waitUntil('the 5 messages sent after the restart', () => new Set(received.map((m) => m.value)).size >= 10, {
        timeoutMs: 90_000,
      });
      // Every message arrived; a redelivery after the restart is allowed, a loss is not.
      expect([...new Set(received.map((m) => m.value))].sort()).toEqual(messages(0, 10).map((m) => m.value).sort());
    });
  });
});
