import { testKafkaBrokers, uniqueTopicName } from '@underpin/testing';
import { type EventBus, InProcessEventBusService, KafkaEventBusService, silentLogger } from '../src';
import { sequenceEnvelopes, sequenceTopic, waitFor, type SequenceTopic } from './support/sequence-topic.util';

const BUSES = {
  'in-process': (topic: SequenceTopic) => new InProcessEventBusService({ topics: [topic], logger: silentLogger, acknowledge: 'appended' }),
  kafka: (topic: SequenceTopic) =>
    new KafkaEventBusService({
      brokers: testKafkaBrokers(),
      clientId: `positions-${topic.name}`,
      logger: silentLogger,
      consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
    }),
} satisfies Record<string, (topic: SequenceTopic) => EventBus>;

describe.each(Object.keys(BUSES) as Array<keyof typeof BUSES>)('a consumer group’s backlog and positions on the %s bus', (kind) => {
  let bus: EventBus;
  let topic: SequenceTopic;

  beforeEach(async () => {
    topic = sequenceTopic(uniqueTopicName('positions'), 1);
    bus = BUSES[kind](topic);
    if (bus instanceof KafkaEventBusService) await bus.ensureTopics([topic]);
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
  });

  it('tells each batch how many records wait after it, and where the group stands', async () => {
    const group = `${topic.name}.g`;
    const backlogs: Array<{ size: number; backlog: number }> = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const subscribe = () =>
      bus.subscribe({
        topic,
        group,
        maxBatchSize: 10,
        batchHandler: async (envelopes, context) => {
          backlogs.push({ size: envelopes.length, backlog: context.backlog });
          // Hold the first batch, so the group's position is seen behind the end meanwhile.
          if (backlogs.length === 1) await gate;
        },
      });
    // Kafka keeps what was written before the group joined; the in-process bus keeps only
    // what some group has yet to read, so there the group joins first.
    if (kind === 'kafka') {
      await bus.publish(topic, sequenceEnvelopes(topic, 1, 30));
      expect(await bus.groupPositions(topic, group)).toEqual([{ partition: 0, end: 30, position: 0 }]);
      subscribe();
    } else {
      subscribe();
      await bus.publish(topic, sequenceEnvelopes(topic, 1, 30));
    }
    await waitFor(() => backlogs.length === 1, 20_000, 'the first batch');
    const behind = await bus.groupPositions(topic, group);
    expect(behind).toEqual([{ partition: 0, end: 30, position: 0 }]);
    release();

    await waitFor(() => backlogs.reduce((sum, b) => sum + b.size, 0) === 30, 20_000, 'every record');
    // Each batch knows what is still to come after it; the last one has caught up.
    let seen = 0;
    for (const { size, backlog } of backlogs) {
      seen += size;
      expect(backlog).toBe(30 - seen);
    }
    await waitFor(async () => (await bus.groupPositions(topic, group))[0].position === 30, 10_000, 'the group to commit every record');
    expect(await bus.groupPositions(topic, group)).toEqual([{ partition: 0, end: 30, position: 30 }]);
  }, 60_000);

  it('reports a group that never joined where it would start reading', async () => {
    await bus.publish(topic, sequenceEnvelopes(topic, 1, 5));
    // Kafka: from the beginning of the log. In process, records no group reads are not kept.
    const start = kind === 'kafka' ? 0 : 5;
    expect(await bus.groupPositions(topic, `${topic.name}.nobody`)).toEqual([{ partition: 0, end: 5, position: start }]);
  }, 30_000);
});
