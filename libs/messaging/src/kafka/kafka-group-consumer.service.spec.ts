import { EventEmitter } from 'node:events';
import type { ConsumerRunConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { DEAD_LETTER_HEADERS, encodeEnvelope } from '@underpin/contracts';
import { sequenceEnvelopes, sequenceTopic } from '../../test/support/sequence-topic.util';
import type { DeliveryTarget } from '../core/delivery.util';
import { DEFAULT_RETRY_POLICY, type HandlerContext, type OutgoingRecord } from '../core/event-bus.type';
import { silentLogger } from '../core/messaging-logger.type';
import { KafkaConnectionWatch } from './kafka-connection-watch.util';
import { resolveKafkaOptions } from './kafka-event-bus.config';
import { KafkaGroupConsumerService } from './kafka-group-consumer.service';
import { KafkaNamespace } from './kafka-namespace.util';

/** Just enough of a kafkajs consumer to watch the supervisor's decisions. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH: 'crash', STOP: 'stop', FETCH_START: 'fetch_start', END_BATCH_PROCESS: 'end_batch_process', GROUP_JOIN: 'group_join', REQUEST: 'request' };
  running = false;
  disconnected = false;

  constructor(readonly config: { groupId?: string } = {}) {
    super();
  }

  async connect(): Promise<void> {}
  subscribed: string[] = [];
  async subscribe({ topics }: { topics: string[] }): Promise<void> {
    this.subscribed.push(...topics);
  }
  runConfig: ConsumerRunConfig | undefined;
  async run(config: ConsumerRunConfig): Promise<void> {
    this.runConfig = config;
    this.running = true;
  }
  /** Set to make disconnect() hang, as kafkajs does while it waits out a rebalance. */
  hangOnDisconnect = false;

  async disconnect(): Promise<void> {
    if (this.hangOnDisconnect) return new Promise<void>(() => undefined);
    this.disconnected = true;
    this.emit(this.events.STOP, {});
  }
}

function supervisor(stallTimeoutMs = 60_000, stopTimeoutMs = 10_000, targets = new Map<string, DeliveryTarget>(), namespace?: KafkaNamespace) {
  const consumers: FakeConsumer[] = [];
  const warnings: string[] = [];
  const deadLetters: OutgoingRecord[] = [];
  const kafka = { consumer: (config: { groupId: string }) => consumers[consumers.push(new FakeConsumer(config)) - 1] } as unknown as Kafka;
  const options = resolveKafkaOptions({
    brokers: ['127.0.0.1:1'],
    clientId: 't',
    consumer: { stallTimeoutMs, stopTimeoutMs, sessionTimeoutMs: 600, heartbeatIntervalMs: 200 },
    supervision: { initialRestartDelayMs: 10, maxRestartDelayMs: 20 },
  });
  const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  const deadLetter = async (records: OutgoingRecord[]) => void deadLetters.push(...records);
  const group = new KafkaGroupConsumerService(kafka, 'g', targets, options, deadLetter, new KafkaConnectionWatch(logger), namespace);
  return { group, consumers, warnings, deadLetters };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(KafkaGroupConsumerService.name, () => {
  it('replaces a crashed consumer with a fresh one', async () => {
    const { group, consumers } = supervisor();
    await group.start();
    consumers[0].emit('crash', { payload: { error: new Error('broker gone'), restart: false } });
    await until(() => consumers.length === 2 && consumers[1].running);
    expect(consumers[0].disconnected).toBe(true);
    expect(group.restarts).toBe(1);
    await group.stop();
  });

  it('replaces a consumer that stopped without being asked to', async () => {
    const { group, consumers } = supervisor();
    await group.start();
    consumers[0].emit('stop', {});
    await until(() => consumers.length === 2 && consumers[1].running);
    await group.stop();
  });

  it('replaces a consumer that has gone quiet for stallTimeoutMs', async () => {
    const { group, consumers } = supervisor(1_200);
    await group.start();
    await until(() => consumers.length === 2 && consumers[1].running, 6_000);
    expect(group.restarts).toBe(1);
    await group.stop();
  });

  it('keeps a consumer that fetches, and does not restart on its own stop()', async () => {
    const { group, consumers } = supervisor(1_200);
    await group.start();
    const fetching = setInterval(() => consumers[0].emit('fetch_start', {}), 200);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    clearInterval(fetching);
    await group.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(consumers).toHaveLength(1);
    expect(consumers[0].disconnected).toBe(true);
    expect(group.restarts).toBe(0);
  });

  it('stops within stopTimeoutMs when the consumer cannot leave its group, and says so', async () => {
    const { group, consumers, warnings } = supervisor(60_000, 300);
    await group.start();
    consumers[0].hangOnDisconnect = true;
    const started = Date.now();
    await group.stop();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3_000);
    expect(warnings).toEqual(['consumer did not leave its group in time; going on, the broker drops it after its session timeout']);
  });

  it('heartbeats while a handler runs, and hands back the rest of the batch once a heartbeat fails', async () => {
    const topic = sequenceTopic('test.heartbeat.v1', 1);
    const handled: number[] = [];
    const target: DeliveryTarget = {
      topic,
      group: 'g',
      retry: DEFAULT_RETRY_POLICY,
      maxBatchSize: 500,
      handler: async (envelope) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        handled.push((envelope.payload as { seq: number }).seq);
      },
    };
    const { group, consumers } = supervisor(60_000, 10_000, new Map([[topic.name, target]]));
    await group.start();
    const messages = sequenceEnvelopes(topic, 1, 5).map((envelope, offset) => ({ offset: String(offset), key: Buffer.from('key-0'), value: Buffer.from(encodeEnvelope(envelope)), headers: {} }));
    const heartbeats: number[] = [];
    const resolved: string[] = [];
    // 300 ms into the first handler call the group starts rebalancing: heartbeats fail from then on.
    const startedAt = Date.now();
    const payload = {
      batch: { topic: topic.name, partition: 0, messages },
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => {
        heartbeats.push(Date.now() - startedAt);
        if (Date.now() - startedAt > 300) throw Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
      },
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload;
    await consumers[0].runConfig!.eachBatch!(payload);
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(heartbeats[0]).toBeLessThan(300);
    expect(handled).toEqual([1]);
    // Nothing past the handled event counts as consumed: the rest goes to the group's next owner.
    expect(resolved.filter((offset) => offset !== '0')).toEqual([]);
    await group.stop();
  });

  it('joins and reads under the namespace, while handlers and dead letters see the logical names', async () => {
    const topic = sequenceTopic('test.namespaced.v1', 1);
    const contexts: HandlerContext[] = [];
    const target: DeliveryTarget = { topic, group: 'g', retry: DEFAULT_RETRY_POLICY, maxBatchSize: 500, handler: async (_envelope, context) => void contexts.push(context) };
    const { group, consumers, deadLetters } = supervisor(60_000, 10_000, new Map([[topic.name, target]]), new KafkaNamespace('suite-1'));
    await group.start();
    expect(consumers[0].config.groupId).toBe('suite-1.g');
    expect(consumers[0].subscribed).toEqual(['suite-1.test.namespaced.v1']);

    const [envelope] = sequenceEnvelopes(topic, 1, 1);
    const resolved: string[] = [];
    await consumers[0].runConfig!.eachBatch!({
      batch: {
        topic: 'suite-1.test.namespaced.v1',
        partition: 0,
        highWatermark: '2',
        messages: [
          { offset: '0', key: Buffer.from('key-0'), value: Buffer.from(encodeEnvelope(envelope)), headers: {} },
          { offset: '1', key: Buffer.from('key-0'), value: Buffer.from('not an envelope'), headers: {} },
        ],
      },
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);

    expect(contexts.map((context) => [context.topic, context.group])).toEqual([['test.namespaced.v1', 'g']]);
    // The bus's publishRecords puts the namespace back on; the record names the logical topic.
    expect(deadLetters.map((record) => [record.topic, record.headers[DEAD_LETTER_HEADERS.topic], record.headers[DEAD_LETTER_HEADERS.group]])).toEqual([
      ['test.namespaced.v1.dlq', 'test.namespaced.v1', 'g'],
    ]);
    expect(resolved).toEqual(['0', '1']);
    await group.stop();
  });
});
