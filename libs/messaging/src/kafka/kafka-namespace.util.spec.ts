import { sequenceTopic } from '../../test/support/sequence-topic.util';
import { resolveKafkaOptions } from './kafka-event-bus.config';
import { KafkaNamespace, kafkaNamespaceProblem } from './kafka-namespace.util';
import { planTopics } from './kafka-topics.util';

describe(KafkaNamespace.name, () => {
  it('prefixes topics, their .dlq twins and groups on the brokers, and maps topics back', () => {
    const namespace = new KafkaNamespace('suite-7');
    expect(namespace.topic('incidents.events.v1')).toBe('suite-7.incidents.events.v1');
    expect(namespace.topic('incidents.events.v1.dlq')).toBe('suite-7.incidents.events.v1.dlq');
    expect(namespace.group('sla-evaluation.incidents')).toBe('suite-7.sla-evaluation.incidents');
    expect(namespace.logicalTopic('suite-7.incidents.events.v1')).toBe('incidents.events.v1');
    expect(namespace.logicalTopic('suite-7.incidents.events.v1.dlq')).toBe('incidents.events.v1.dlq');
  });

  it('leaves names as they are without a namespace', () => {
    const none = new KafkaNamespace('');
    expect(none.topic('incidents.events.v1')).toBe('incidents.events.v1');
    expect(none.group('sla-evaluation.incidents')).toBe('sla-evaluation.incidents');
    expect(none.logicalTopic('incidents.events.v1')).toBe('incidents.events.v1');
  });

  it('says a topic outside the namespace has no logical name', () => {
    const namespace = new KafkaNamespace('a.b');
    expect(namespace.logicalTopic('incidents.events.v1')).toBeUndefined();
    expect(namespace.logicalTopic('a.bc.incidents.events.v1')).toBeUndefined();
    expect(namespace.logicalTopic('a.b.')).toBeUndefined();
    expect(namespace.logicalTopic('a.b.incidents.events.v1')).toBe('incidents.events.v1');
  });
});

describe(kafkaNamespaceProblem.name, () => {
  it.each(['', 'test', 'ci-42', 'tenant_a.staging', 'A1.b-2._c'])('accepts %j', (namespace) => {
    expect(kafkaNamespaceProblem(namespace)).toBeUndefined();
  });

  it.each([
    ['.lead', 'in parts separated by single dots'],
    ['trail.', 'in parts separated by single dots'],
    ['two..dots', 'in parts separated by single dots'],
    ['with space', 'got "with space"'],
    ['slash/y', 'got "slash/y"'],
    ['x'.repeat(101), 'must be at most 100 characters, got 101'],
  ])('refuses %j', (namespace, message) => {
    expect(kafkaNamespaceProblem(namespace)).toContain(message);
  });

  it('is checked when a bus is configured', () => {
    expect(resolveKafkaOptions({ brokers: ['127.0.0.1:9092'], clientId: 'x' }).namespace).toBe('');
    expect(resolveKafkaOptions({ brokers: ['127.0.0.1:9092'], clientId: 'x', namespace: 'ci-1' }).namespace).toBe('ci-1');
    expect(() => resolveKafkaOptions({ brokers: ['127.0.0.1:9092'], clientId: 'x', namespace: 'a b' })).toThrow('kafka bus: namespace must be letters, digits');
  });
});

describe('planTopics in a namespace', () => {
  it('plans each topic and its twin under the names the brokers will know', () => {
    const topic = sequenceTopic('test.plan.v1', 12);
    expect(planTopics([topic], { replicationFactor: 1, deadLetterPartitions: 1, namespace: new KafkaNamespace('ns') }).map((plan) => [plan.topic, plan.numPartitions])).toEqual([
      ['ns.test.plan.v1', 12],
      ['ns.test.plan.v1.dlq', 1],
    ]);
  });
});
