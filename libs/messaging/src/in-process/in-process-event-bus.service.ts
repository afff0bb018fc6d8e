import { type AnyTopicDefinition, type EnvelopeOf, TOPIC_REGISTRY, assertEnvelope, dlqTopicOf, encodeEnvelope, isDlqTopic } from '@underpin/contracts';
import { type DeliveryRuntime, type DeliveryTarget, deliverRecords } from '../core/delivery.util';
import type { DeadLetterSubscriptionOptions, EventBus, IncomingRecord, OutgoingRecord, PartitionPosition, Subscription, SubscriptionOptions } from '../core/event-bus.type';
import { BusStoppedException, DeliveryInterruptedException, MessagingConfigException } from '../core/messaging.exception';
import { type MessagingLogger, errorMessage, stderrLogger } from '../core/messaging-logger.type';
import { resolveRetryPolicy, sleep } from '../core/retry.util';
import { traceHeaders } from '../core/trace.util';
import { type GroupState, type Member, TopicState } from './in-process-topic.util';
import { partitionForKey } from './partition-log.util';

export interface InProcessEventBusOptions {
  /** Topics known up front (their `.dlq` twins come with them). Default: the platform's registry. */
  topics?: readonly AnyTopicDefinition[];
  /**
   * `handled` (default): publish resolves once every group reading the topic has handled the
   * records. The outbox relay then deletes rows only after their effects are done, so a crash
   * of the process (which loses this bus's memory) loses nothing: the rows are relayed again.
   * `appended`: publish resolves once the records are queued (fire-and-forget producers).
   */
  acknowledge?: 'handled' | 'appended';
  /** Records waiting for the slowest group, per partition, before publish waits. Default 10 000. */
  maxBacklogPerPartition?: number;
  /** Dead letters kept for late or absent dead-letter readers, per `.dlq` topic. Default 1 000. */
  deadLetterRetention?: number;
  /** How long stop() waits for running handlers. Default 10 s. */
  stopTimeoutMs?: number;
  logger?: MessagingLogger;
}

/**
 * The all-in-one mode's transport: the EventBus contract inside one process. Each topic has
 * partitions chosen by hash(key); each consumer group has a position per partition and one
 * worker per partition, so events of one key are handled one after another, in order, by one
 * member at a time. Memory is bounded by `maxBacklogPerPartition`: publishers wait for room.
 *
 * A handler must not wait on a publish to a partition it is itself consuming (with
 * `acknowledge: 'handled'` that waits on the handler itself); publish through the outbox.
 */
export class InProcessEventBusService implements EventBus {
  private readonly topics = new Map<string, TopicState>();
  private readonly definitions = new Map<string, AnyTopicDefinition>();
  private readonly acknowledge: 'handled' | 'appended';
  private readonly maxBacklog: number;
  private readonly deadLetterRetention: number;
  private readonly stopTimeoutMs: number;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private nextMemberId = 1;
  private roundRobin = 0;

  constructor(options: InProcessEventBusOptions = {}) {
    this.acknowledge = options.acknowledge ?? 'handled';
    this.maxBacklog = options.maxBacklogPerPartition ?? 10_000;
    this.deadLetterRetention = options.deadLetterRetention ?? 1_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.logger = options.logger ?? stderrLogger;
    if (!Number.isInteger(this.maxBacklog) || this.maxBacklog < 1) throw new MessagingConfigException(`maxBacklogPerPartition must be an integer ≥ 1, got ${this.maxBacklog}`);
    for (const topic of options.topics ?? TOPIC_REGISTRY) this.register(topic);
  }

  async publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[]): Promise<void> {
    this.register(topic);
    const records = envelopes.map((envelope) => {
      assertEnvelope(topic, envelope);
      return { topic: topic.name, key: envelope.key, value: encodeEnvelope(envelope), headers: traceHeaders(envelope.traceparent) };
    });
    await this.publishRecords(records);
  }

  async publishRecords(records: OutgoingRecord[]): Promise<void> {
    const appended = new Map<TopicState, Map<number, number>>();
    for (const record of records) {
      if (this.state === 'stopped') throw new BusStoppedException('publish');
      const topic = this.topics.get(record.topic);
      if (isDlqTopic(record.topic)) throw new MessagingConfigException(`${record.topic} is written by the bus itself, not by publishers`);
      if (!topic) throw new MessagingConfigException(`unknown topic ${record.topic}: register it with the bus (topics option) first`);
      const partition = record.key === null ? this.roundRobin++ % topic.partitions.length : partitionForKey(record.key, topic.partitions.length);
      while (topic.partitions[partition].log.end - topic.slowest(partition) >= this.maxBacklog) await topic.partitions[partition].waitSpace();
      const offset = this.append(topic, partition, record);
      const offsets = appended.get(topic) ?? new Map<number, number>();
      offsets.set(partition, offset);
      appended.set(topic, offsets);
    }
    if (this.acknowledge === 'appended') return;
    const waits: Promise<void>[] = [];
    for (const [topic, offsets] of appended) {
      for (const [partition, offset] of offsets) {
        if (topic.slowest(partition) <= offset) waits.push(topic.partitions[partition].waitHandled(offset));
      }
    }
    await Promise.all(waits);
  }

  subscribe<D extends AnyTopicDefinition>(options: SubscriptionOptions<D>): Subscription {
    this.register(options.topic);
    const subject = `subscription ${options.group} to ${options.topic.name}`;
    if (!options.group) throw new MessagingConfigException(`${subject}: group must not be empty`);
    return this.join(this.topics.get(options.topic.name)!, {
      topic: options.topic,
      group: options.group,
      retry: resolveRetryPolicy(options.retry, subject),
      maxBatchSize: options.maxBatchSize ?? 500,
      handler: options.handler as DeliveryTarget['handler'],
      batchHandler: options.batchHandler as DeliveryTarget['batchHandler'],
    });
  }

  subscribeDeadLetters(options: DeadLetterSubscriptionOptions): Subscription {
    this.register(options.topic);
    const subject = `dead-letter subscription ${options.group} to ${dlqTopicOf(options.topic.name)}`;
    return this.join(this.topics.get(dlqTopicOf(options.topic.name))!, {
      topic: options.topic,
      group: options.group,
      retry: resolveRetryPolicy(options.retry, subject),
      maxBatchSize: 100,
      deadLetterHandler: options.handler,
    });
  }

  async start(): Promise<void> {
    if (this.state === 'stopped') throw new MessagingConfigException('an in-process bus cannot be started again after stop()');
    if (this.state === 'running') return;
    this.state = 'running';
    for (const topic of this.topics.values()) for (const group of topic.groups.values()) this.startWorkers(topic, group);
  }

  /** Lets running handlers finish (up to stopTimeoutMs), then fails whatever still waits. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.stopping.abort();
    const workers: Promise<void>[] = [];
    for (const topic of this.topics.values()) {
      for (const group of topic.groups.values()) {
        group.wakeAll();
        workers.push(...group.workers.filter((w): w is Promise<void> => w !== undefined));
      }
      topic.partitions.forEach((partition) => partition.failWaiters());
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.stopTimeoutMs)));
    const outcome = await Promise.race([Promise.all(workers), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn('in-process bus stopped with handlers still running', { timeoutMs: this.stopTimeoutMs });
  }

  /** Events not yet handled, per topic, group and partition (for health checks and tests). */
  lag(): Array<{ topic: string; group: string; partition: number; lag: number }> {
    const out: Array<{ topic: string; group: string; partition: number; lag: number }> = [];
    for (const topic of this.topics.values()) {
      for (const group of topic.groups.values()) {
        topic.partitions.forEach((p, partition) => out.push({ topic: topic.name, group: group.name, partition, lag: p.log.end - group.cursors[partition] }));
      }
    }
    return out;
  }

  async groupPositions(topic: AnyTopicDefinition, group: string): Promise<PartitionPosition[]> {
    const state = this.topics.get(topic.name);
    if (state === undefined) return [];
    // A group that has not joined yet starts where the retained log starts.
    const cursors = state.groups.get(group)?.cursors;
    return state.partitions.map((p, partition) => ({ partition, end: p.log.end, position: cursors?.[partition] ?? p.log.start }));
  }

  private register(definition: AnyTopicDefinition): void {
    const known = this.definitions.get(definition.name);
    if (known) {
      if (known.partitions !== definition.partitions) throw new MessagingConfigException(`topic ${definition.name} registered twice with different partitions (${known.partitions}, ${definition.partitions})`);
      return;
    }
    this.definitions.set(definition.name, definition);
    this.topics.set(definition.name, new TopicState(definition.name, definition.partitions, 0));
    this.topics.set(dlqTopicOf(definition.name), new TopicState(dlqTopicOf(definition.name), 1, this.deadLetterRetention));
  }

  private append(topic: TopicState, partition: number, record: OutgoingRecord): number {
    const state = topic.partitions[partition];
    const offset = state.log.append({ key: record.key, value: Buffer.isBuffer(record.value) ? record.value : Buffer.from(record.value), headers: { ...record.headers } });
    if (topic.retain > 0) this.trim(topic, partition);
    for (const group of topic.groups.values()) group.wake(partition);
    if (topic.groups.size === 0) this.settle(topic, partition);
    return offset;
  }

  private join(topic: TopicState, target: DeliveryTarget): Subscription {
    if (this.state === 'stopped') throw new BusStoppedException('subscribe');
    const group = topic.group(target.group);
    const member: Member = { id: this.nextMemberId++, target, controller: new AbortController(), inFlight: 0, idle: [] };
    group.members.push(member);
    group.wakeAll();
    if (this.state === 'running') this.startWorkers(topic, group);
    return {
      topic: topic.name,
      group: group.name,
      close: async () => {
        const index = group.members.indexOf(member);
        if (index < 0) return;
        group.members.splice(index, 1);
        member.controller.abort();
        group.wakeAll();
        if (member.inFlight > 0) await new Promise<void>((resolve) => member.idle.push(resolve));
      },
    };
  }

  private startWorkers(topic: TopicState, group: GroupState): void {
    topic.partitions.forEach((_, partition) => {
      if (group.workers[partition] === undefined) group.workers[partition] = this.work(topic, group, partition);
    });
  }

  private async work(topic: TopicState, group: GroupState, partition: number): Promise<void> {
    const log = topic.partitions[partition].log;
    while (this.state === 'running') {
      const member = group.memberFor(partition);
      if (member === undefined || group.cursors[partition] >= log.end) {
        await group.waitForWork(partition);
        continue;
      }
      const records: IncomingRecord[] = log
        .read(group.cursors[partition], member.target.maxBatchSize)
        .map((r) => ({ topic: topic.name, partition, offset: String(r.offset), key: r.key, value: r.value, headers: r.headers }));
      member.inFlight += 1;
      try {
        await deliverRecords(
          records,
          member.target,
          this.runtime(member),
          (offset) => {
            group.cursors[partition] = Number(offset) + 1;
            this.settle(topic, partition);
          },
          () => log.end,
        );
      } catch (error) {
        if (!(error instanceof DeliveryInterruptedException)) {
          this.logger.error('in-process delivery failed; retrying', { topic: topic.name, group: group.name, partition, error: errorMessage(error) });
          await sleep(1_000, this.stopping.signal);
        }
      } finally {
        member.inFlight -= 1;
        if (member.inFlight === 0) member.idle.splice(0).forEach((resolve) => resolve());
      }
    }
  }

  private runtime(member: Member): DeliveryRuntime {
    return {
      system: 'in-process',
      signal: AbortSignal.any([this.stopping.signal, member.controller.signal]),
      logger: this.logger,
      deadLetter: async (records) => {
        for (const record of records) {
          const topic = this.topics.get(record.topic)!;
          this.append(topic, 0, record);
        }
      },
    };
  }

  private settle(topic: TopicState, partition: number): void {
    const slowest = topic.slowest(partition);
    const state = topic.partitions[partition];
    state.settle(slowest, state.log.end - slowest < this.maxBacklog);
    this.trim(topic, partition);
  }

  private trim(topic: TopicState, partition: number): void {
    const log = topic.partitions[partition].log;
    // Dead-letter topics keep their last `retain` records, read or not; others keep what
    // some group has yet to read.
    const keepFrom = topic.retain > 0 ? log.end - topic.retain : topic.slowest(partition);
    const dropped = Math.max(0, Math.min(keepFrom, log.end) - log.start);
    if (dropped === 0) return;
    for (const group of topic.groups.values()) {
      if (group.cursors[partition] < keepFrom) {
        // Only dead letters are evicted unread, and only past their retention.
        this.logger.warn('dead letters evicted before being read', { topic: topic.name, group: group.name, count: keepFrom - group.cursors[partition] });
        group.cursors[partition] = keepFrom;
      }
    }
    log.trimTo(keepFrom);
  }
}
