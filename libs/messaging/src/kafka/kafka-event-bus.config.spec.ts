import { sequenceTopic } from '../../test/support/sequence-topic.util';
import { resolveKafkaOptions } from './kafka-event-bus.config';
import { planTopics } from './kafka-topics.util';

describe('resolveKafkaOptions', () => {
  it('fills defaults: one replica, one dlq partition, four partitions at once', () => {
    expect(resolveKafkaOptions({ brokers: ['127.0.0.1:9092'], clientId: 'incidents' })).toMatchObject({
      replicationFactor: 1,
      deadLetterPartitions: 1,
      partitionsConsumedConcurrently: 4,
      sessionTimeoutMs: 8_000,
      heartbeatIntervalMs: 1_000,
      rebalanceTimeoutMs: 60_000,
      maxRecordsPerRequest: 1_000,
      stopTimeoutMs: 10_000,
    });
  });

  it.each([
    [{ brokers: [] }, 'brokers must be a non-empty list of host:port'],
    [{ brokers: ['kafka'] }, 'brokers must be a non-empty list of host:port'],
    [{ clientId: '' }, 'clientId must not be empty'],
    [{ replicationFactor: 0 }, 'replicationFactor must be an integer ≥ 1, got 0'],
    [{ consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 2_001 } }, 'consumer.heartbeatIntervalMs must be at most a third of sessionTimeoutMs (6000), got 2001'],
    [{ consumer: { partitionsConsumedConcurrently: 1.5 } }, 'consumer.partitionsConsumedConcurrently must be an integer ≥ 1, got 1.5'],
  ])('rejects %j', (patch, message) => {
    expect(() => resolveKafkaOptions({ brokers: ['127.0.0.1:9092'], clientId: 'x', ...patch })).toThrow(message);
  });
});

describe('planTopics', () => {
  it('plans each topic with its partitions and a .dlq twin, and min.insync.replicas=2 from three replicas', () => {
    const topic = sequenceTopic('test.plan.v1', 12);
    expect(planTopics([topic], { replicationFactor: 1, deadLetterPartitions: 1 })).toEqual([
      { topic: 'test.plan.v1', numPartitions: 12, replicationFactor: 1, configEntries: [] },
      { topic: 'test.plan.v1.dlq', numPartitions: 1, replicationFactor: 1, configEntries: [] },
    ]);
    expect(planTopics([topic], { replicationFactor: 3, deadLetterPartitions: 2 })[1]).toEqual({
      topic: 'test.plan.v1.dlq',
      numPartitions: 2,
      replicationFactor: 3,
      configEntries: [{ name: 'min.insync.replicas', value: '2' }],
    });
  });
});
