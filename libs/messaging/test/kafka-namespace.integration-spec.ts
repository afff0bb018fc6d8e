import { Kafka, logLevel } from 'kafkajs';
import { type DeadLetter, createEnvelope, encodeEnvelope } from '@underpin/contracts';
import { testKafkaBrokers, uniqueTopicName } from '@underpin/testing';
import { type HandlerContext, KafkaDeadLetterStore, KafkaEventBusService, silentLogger } from '../src';
import { type SequenceStep, sequenceTopic, waitFor } from './support/sequence-topic.util';

describe('KafkaEventBusService namespaces on one broker', () => {
  const topic = sequenceTopic(uniqueTopicName('shared'), 2);
  const namespaces = [uniqueTopicName('ns-a'), uniqueTopicName('ns-b')];
  const admin = new Kafka({ clientId: 'namespace-spec', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  const buses = namespaces.map(
    (namespace) =>
      new KafkaEventBusService({
        brokers: testKafkaBrokers(),
        clientId: namespace,
        namespace,
        logger: silentLogger,
        consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
      }),
  );

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.stop()));
    await admin.deleteTopics({ topics: namespaces.flatMap((namespace) => [`${namespace}.${topic.name}`, `${namespace}.${topic.name}.dlq`]) }).catch(() => undefined);
    await admin.disconnect();
  }, 30_000);

  it('keeps two platforms with the same topic and group names apart, each seeing the logical names', async () => {
    for (const bus of buses) expect((await bus.ensureTopics([topic])).created.sort()).toEqual([topic.name, `${topic.name}.dlq`]);
    const onBroker = await admin.listTopics();
    for (const namespace of namespaces) expect(onBroker).toEqual(expect.arrayContaining([`${namespace}.${topic.name}`, `${namespace}.${topic.name}.dlq`]));
    expect(onBroker).not.toContain(topic.name);

    const seen = buses.map(() => ({ steps: [] as SequenceStep[], contexts: [] as HandlerContext[], deadLetters: [] as DeadLetter[] }));
    buses.forEach((bus, i) => {
      const subscription = bus.subscribe({
        topic,
        group: 'effects',
        handler: async (envelope, context) => {
          seen[i].steps.push(envelope.payload);
          seen[i].contexts.push(context);
        },
      });
      expect([subscription.topic, subscription.group]).toEqual([topic.name, 'effects']);
      bus.subscribeDeadLetters({ topic, group: 'ops', handler: async (deadLetter) => void seen[i].deadLetters.push(deadLetter) });
    });
    await Promise.all(buses.map((bus) => bus.start()));

    const step = (key: string, seq: number) => createEnvelope(topic, 'test.step', { key, seq }, { source: 'test' });
    await buses[0].publish(topic, [step('a', 1), step('a', 2), step('a', 3)]);
    await buses[0].publishRecords([{ topic: topic.name, key: 'a', value: encodeEnvelope({ ...step('a', 4), payload: { key: 'a', seq: -1 } }), headers: {} }]);
    await buses[1].publish(topic, [step('b', 1), step('b', 2)]);

    await waitFor(() => seen[0].steps.length === 3 && seen[0].deadLetters.length === 1 && seen[1].steps.length === 2, 30_000, 'each bus to handle its own events');
    for (const [i, bus] of buses.entries()) {
      // Everything written in a namespace handled and committed there, and nothing else.
      const positions = async () => (await bus.groupPositions(topic, 'effects')).reduce((sum, p) => sum + p.position, 0);
      await waitFor(async () => (await positions()) === (i === 0 ? 4 : 2), 10_000, `namespace ${i}'s group to commit`);
      expect((await bus.groupPositions(topic, 'effects')).map((p) => p.end - p.position)).toEqual([0, 0]);
    }
    expect(seen[0].steps).toEqual([1, 2, 3].map((seq) => ({ key: 'a', seq })));
    expect(seen[1].steps).toEqual([1, 2].map((seq) => ({ key: 'b', seq })));
    expect(new Set(seen.flatMap((s) => s.contexts.map((context) => `${context.topic} ${context.group}`)))).toEqual(new Set([`${topic.name} effects`]));
    expect(seen[0].deadLetters[0]).toMatchObject({ reason: 'invalid-payload', topic: topic.name, group: 'effects', key: 'a' });
    expect(seen[1].deadLetters).toEqual([]);

    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    for (const namespace of namespaces) expect(groups).toEqual(expect.arrayContaining([`${namespace}.effects`, `${namespace}.ops`]));
    expect(groups).not.toContain('effects');
  }, 60_000);

  it('reads and replays the dead letters of its own namespace only, under the logical names', async () => {
    const [own, other] = namespaces.map((namespace) => new KafkaDeadLetterStore({ brokers: testKafkaBrokers(), namespace, logger: silentLogger }));
    try {
      expect(await own.topicsWithDeadLetters()).toContain(topic.name);
      expect(await own.topicExists(topic.name)).toBe(true);
      const [deadLetter, ...more] = await own.read({ topic: topic.name });
      expect(more).toEqual([]);
      expect(deadLetter).toMatchObject({ dlq: { topic: `${topic.name}.dlq`, partition: 0 }, topic: topic.name, group: 'effects', reason: 'invalid-payload' });
      expect(await other.read({ topic: topic.name })).toEqual([]);

      // Sent back to its namespace's topic: that bus's group meets it again, the other's never.
      const before = (await buses[1].groupPositions(topic, 'effects')).reduce((sum, p) => sum + p.end, 0);
      for await (const replayed of own.replay([deadLetter])) expect(replayed.partition).toBeGreaterThanOrEqual(0);
      await waitFor(async () => (await own.read({ topic: topic.name })).length === 2, 30_000, 'the replayed record to be dead-lettered again');
      expect((await buses[1].groupPositions(topic, 'effects')).reduce((sum, p) => sum + p.end, 0)).toBe(before);
    } finally {
      await Promise.all([own.close(), other.close()]);
    }
  }, 60_000);
});
