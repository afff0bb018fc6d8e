import { type AnyTopicDefinition, type EnvelopeOf, assertEnvelope, dlqTopicOf, encodeEnvelope } from '@underpin/contracts';
import { type Admin, Kafka, type Message, Partitioners, type Producer, logLevel } from 'kafkajs';
import type { DeliveryTarget } from '../core/delivery.util';
import type { DeadLetterSubscriptionOptions, EventBus, OutgoingRecord, PartitionPosition, Subscription, SubscriptionOptions } from '../core/event-bus.type';
import { BusStoppedException, MessagingConfigException } from '../core/messaging.exception';
import { type MessagingLogger, errorMessage, stderrLogger } from '../core/messaging-logger.type';
import { resolveRetryPolicy, sleep } from '../core/retry.util';
import { traceHeaders } from '../core/trace.util';
import { KafkaConnectionWatch } from './kafka-connection-watch.util';
import { type KafkaEventBusOptions, type ResolvedKafkaOptions, resolveKafkaOptions } from './kafka-event-bus.config';
import { KafkaGroupConsumerService } from './kafka-group-consumer.service';
import { KafkaNamespace } from './kafka-namespace.util';
import { SharedAdmin } from './kafka-shared-admin.util';
import { ensureTopics } from './kafka-topics.util';

/** Reads of a group's positions before a retriable error is passed on (about 0.3 s of waits). */
const POSITION_READS = 3;

/**
 * The EventBus over Apache Kafka (kafkajs). Producer: idempotent, acks from all in-sync
 * replicas, one request in flight, so retries neither duplicate nor reorder within a
 * partition; records are sent in batches of `maxRecordsPerRequest`. Consumers: one
 * supervised group member per consumer group in this process (see KafkaGroupConsumerService).
 * With a namespace, topics and groups carry its prefix on the brokers only (KafkaNamespace):
 * callers, handlers and dead letters see the logical names.
 */
export class KafkaEventBusService implements EventBus {
  private readonly kafka: Kafka;
  private readonly options: ResolvedKafkaOptions;
  private readonly logger: MessagingLogger;
  private readonly namespace: KafkaNamespace;
  /** One per bus: its producer, consumers and admin clients share one account of the brokers. */
  private readonly connection: KafkaConnectionWatch;
  private readonly groups = new Map<string, { targets: Map<string, DeliveryTarget>; consumer?: KafkaGroupConsumerService }>();
  private producer: Producer | undefined;
  /** Reads group positions; kept for the bus's life, replaced after a failure. */
  private readonly admin: SharedAdmin;
  private connecting: Promise<Producer> | undefined;
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(options: KafkaEventBusOptions) {
    this.options = resolveKafkaOptions(options);
    this.logger = options.logger ?? stderrLogger;
    this.namespace = new KafkaNamespace(this.options.namespace);
    this.connection = new KafkaConnectionWatch(this.logger);
    this.kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      logLevel: logLevel.WARN,
      logCreator: this.connection.logCreator,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    this.admin = new SharedAdmin(() => {
      const admin = this.kafka.admin();
      admin.on(admin.events.REQUEST, ({ payload }) => this.connection.answered(payload.broker));
      return admin;
    });
  }

  /** Creates the topics (and `.dlq` twins) that do not exist yet. Call at boot, before start(). */
  async ensureTopics(topics: readonly AnyTopicDefinition[]): Promise<{ created: string[] }> {
    const admin = this.kafka.admin();
    admin.on(admin.events.REQUEST, ({ payload }) => this.connection.answered(payload.broker));
    await admin.connect();
    try {
      return await ensureTopics(admin, topics, {
        replicationFactor: this.options.replicationFactor,
        deadLetterPartitions: this.options.deadLetterPartitions,
        logger: this.logger,
        namespace: this.namespace,
      });
    } finally {
      await admin.disconnect();
    }
  }

  async publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[]): Promise<void> {
    const records = envelopes.map((envelope) => {
      assertEnvelope(topic, envelope);
      return { topic: topic.name, key: envelope.key, value: encodeEnvelope(envelope), headers: traceHeaders(envelope.traceparent) };
    });
    await this.publishRecords(records);
  }

  async publishRecords(records: OutgoingRecord[]): Promise<void> {
    if (this.state === 'stopped') throw new BusStoppedException('publish');
    for (let start = 0; start < records.length; start += this.options.maxRecordsPerRequest) {
      const chunk = records.slice(start, start + this.options.maxRecordsPerRequest);
      const byTopic = new Map<string, Message[]>();
      for (const record of chunk) {
        const topic = this.namespace.topic(record.topic);
        const messages = byTopic.get(topic) ?? [];
        messages.push({ key: record.key, value: record.value, headers: record.headers });
        byTopic.set(topic, messages);
      }
      const producer = await this.connectProducer();
      try {
        await producer.sendBatch({ acks: -1, timeout: this.options.ackTimeoutMs, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      } catch (error) {
        await this.discardProducer(producer, error);
        throw error;
      }
    }
  }

  subscribe<D extends AnyTopicDefinition>(options: SubscriptionOptions<D>): Subscription {
    const subject = `subscription ${options.group} to ${options.topic.name}`;
    return this.join(options.topic.name, {
      topic: options.topic,
      group: options.group,
      retry: resolveRetryPolicy(options.retry, subject),
      maxBatchSize: options.maxBatchSize ?? 500,
      handler: options.handler as DeliveryTarget['handler'],
      batchHandler: options.batchHandler as DeliveryTarget['batchHandler'],
    });
  }

  subscribeDeadLetters(options: DeadLetterSubscriptionOptions): Subscription {
    const name = dlqTopicOf(options.topic.name);
    return this.join(name, {
      topic: options.topic,
      group: options.group,
      retry: resolveRetryPolicy(options.retry, `dead-letter subscription ${options.group} to ${name}`),
      maxBatchSize: 100,
      deadLetterHandler: options.handler,
    });
  }

  async start(): Promise<void> {
    if (this.state === 'stopped') throw new MessagingConfigException('a kafka bus cannot be started again after stop()');
    if (this.state === 'running') return;
    this.state = 'running';
    await this.connectProducer();
    await Promise.all([...this.groups.keys()].map((group) => this.startGroup(group)));
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await Promise.all([...this.groups.values()].map((group) => group.consumer?.stop()));
    const producer = this.producer ?? (await this.connecting?.catch(() => undefined));
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
    await this.admin.close();
  }

  /**
   * From the brokers: each partition's high watermark and the group's committed offset
   * (kafkajs commits what a member resolved after every batch). A group with no commit yet
   * reads from the beginning, so its position is the partition's low watermark.
   */
  async groupPositions(topic: AnyTopicDefinition, group: string): Promise<PartitionPosition[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // A failure retires the client: the next read gets a fresh one (see SharedAdmin).
        return await this.admin.use((admin) => this.readPositions(admin, topic, group));
      } catch (error) {
        // Right after a topic is created or a group's coordinator moves, the broker answers
        // NOT_LEADER or NOT_COORDINATOR for a moment; kafkajs marks those retriable.
        if ((error as { retriable?: unknown }).retriable !== true || attempt >= POSITION_READS || this.state === 'stopped') throw error;
        await sleep(100 * attempt);
      }
    }
  }

  private async readPositions(admin: Admin, topic: AnyTopicDefinition, group: string): Promise<PartitionPosition[]> {
    const name = this.namespace.topic(topic.name);
    // Both requests settle before the client can be retired, even when one fails at once.
    const [endsRead, committedRead] = await Promise.allSettled([admin.fetchTopicOffsets(name), admin.fetchOffsets({ groupId: this.namespace.group(group), topics: [name] })]);
    if (endsRead.status === 'rejected') throw endsRead.reason;
    if (committedRead.status === 'rejected') throw committedRead.reason;
    const [ends, committed] = [endsRead.value, committedRead.value];
    const byPartition = new Map((committed[0]?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)]));
    return ends
      .map((end) => {
        const offset = byPartition.get(end.partition) ?? -1;
        return { partition: end.partition, end: Number(end.high), position: offset >= 0 ? offset : Number(end.low) };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  /** Consumer restarts so far, per group (for health checks and tests). */
  restarts(): Record<string, number> {
    return Object.fromEntries([...this.groups].map(([group, state]) => [group, state.consumer?.restarts ?? 0]));
  }

  private join(topicName: string, target: DeliveryTarget): Subscription {
    if (this.state === 'stopped') throw new BusStoppedException('subscribe');
    if (!target.group) throw new MessagingConfigException(`subscription to ${topicName}: group must not be empty`);
    const group = this.groups.get(target.group) ?? { targets: new Map<string, DeliveryTarget>() };
    if (group.targets.has(topicName)) {
      // kafkajs' assignors assume every member of a group subscribes to the same topics, so
      // one process holds one member per group; scale out with more processes.
      throw new MessagingConfigException(`group ${target.group} already subscribes to ${topicName} in this process`);
    }
    group.targets.set(topicName, target);
    this.groups.set(target.group, group);
    if (this.state === 'running') void this.restartGroup(target.group);
    return {
      topic: topicName,
      group: target.group,
      close: async () => {
        if (group.targets.get(topicName) !== target) return;
        group.targets.delete(topicName);
        await this.restartGroup(target.group);
      },
    };
  }

  private async startGroup(name: string): Promise<void> {
    const group = this.groups.get(name)!;
    if (group.targets.size === 0) return;
    group.consumer = new KafkaGroupConsumerService(this.kafka, name, group.targets, this.options, (records) => this.publishRecords(records), this.connection, this.namespace);
    await group.consumer.start();
  }

  /** A group's topics changed: its member leaves and rejoins with the new subscription. */
  private async restartGroup(name: string): Promise<void> {
    const group = this.groups.get(name)!;
    await group.consumer?.stop();
    group.consumer = undefined;
    if (this.state === 'running') await this.startGroup(name);
  }

  private connectProducer(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    if (!this.connecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
      });
      producer.on(producer.events.REQUEST, ({ payload }) => this.connection.answered(payload.broker));
      this.connecting = producer
        .connect()
        .then(() => {
          this.producer = producer;
          return producer;
        })
        .finally(() => (this.connecting = undefined));
    }
    return this.connecting;
  }

  /**
   * After a failed send the producer may hold a stale idempotence epoch or dead
   * connections (a broker restart); a fresh one on the next publish is the safe course.
   */
  private async discardProducer(producer: Producer, error: unknown): Promise<void> {
    if (this.producer !== producer) return;
    this.producer = undefined;
    if (!this.connection.absorbs(error)) this.logger.warn('produce failed; producer will be recreated', { error: errorMessage(error) });
    await producer.disconnect().catch(() => undefined);
  }
}
