import type { Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { type DeliveryTarget, deliverRecords } from '../core/delivery.util';
import type { IncomingRecord, OutgoingRecord } from '../core/event-bus.type';
import { DeliveryInterruptedException } from '../core/messaging.exception';
import { type MessagingLogger, errorMessage } from '../core/messaging-logger.type';
import { backoffDelay, sleep } from '../core/retry.util';
import type { KafkaConnectionWatch } from './kafka-connection-watch.util';
import type { ResolvedKafkaOptions } from './kafka-event-bus.config';
import { KafkaNamespace } from './kafka-namespace.util';

/** How long a consumer must stay healthy before its restart backoff starts from zero again. */
const HEALTHY_AFTER_MS = 30_000;

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    out[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return out;
}

/**
 * One consumer-group member over kafkajs, kept alive: kafkajs never restarts it itself
 * (restartOnFailure → false), so every failure takes one path here — a CRASH, a STOP nobody
 * asked for, or a watchdog that sees no fetch and no progress for stallTimeoutMs (kafkajs
 * consumers have been seen to go quiet after a broker restart) — and a fresh consumer is
 * started with exponential backoff until the brokers answer again.
 *
 * Offsets: eachBatch with auto-resolve off; an offset is resolved only after its event was
 * handled (or dead-lettered), and kafkajs commits resolved offsets only.
 */
export class KafkaGroupConsumerService {
  private consumer: Consumer | undefined;
  private stopping = new AbortController();
  private running = false;
  private restarting = false;
  private failures = 0;
  private lastActivity = Date.now();
  private healthySince = Date.now();
  private watchdog: NodeJS.Timeout | undefined;
  private launching: Promise<void> | undefined;
  /** True while a consumer is being connected: its own retries, not a stall. */
  private connecting = false;
  restarts = 0;
  private readonly logger: MessagingLogger;

  constructor(
    private readonly kafka: Kafka,
    readonly group: string,
    private readonly targets: Map<string, DeliveryTarget>,
    private readonly options: ResolvedKafkaOptions,
    private readonly deadLetter: (records: OutgoingRecord[]) => Promise<void>,
    /** The bus's: failures that only say the brokers are away are left to its outage lines. */
    private readonly connection: KafkaConnectionWatch,
    /** `group` and the targets' topics are logical names; this says what the brokers call them. */
    private readonly namespace = new KafkaNamespace(''),
  ) {
    this.logger = connection.logger;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.watchdog = setInterval(() => this.checkStall(), Math.max(1_000, Math.floor(this.options.stallTimeoutMs / 4)));
    this.watchdog.unref();
    this.launching = this.launch();
    await this.launching;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    clearInterval(this.watchdog);
    const leaving = (async () => {
      await this.launching?.catch(() => undefined);
      const consumer = this.consumer;
      this.consumer = undefined;
      await consumer?.disconnect().catch((error) => this.logger.warn('consumer disconnect failed', { group: this.group, error: errorMessage(error) }));
    })();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      leaving.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn('consumer did not leave its group in time; going on, the broker drops it after its session timeout', { group: this.group, stopTimeoutMs: this.options.stopTimeoutMs });
    }
  }

  /** Creates, connects and runs a consumer; retries with backoff until it runs or stop() is called. */
  private async launch(): Promise<void> {
    this.connecting = true;
    try {
      await this.connectLoop();
    } finally {
      this.connecting = false;
      this.touch();
    }
  }

  private async connectLoop(): Promise<void> {
    while (this.running) {
      const consumer = this.kafka.consumer({
        groupId: this.namespace.group(this.group),
        sessionTimeout: this.options.sessionTimeoutMs,
        rebalanceTimeout: this.options.rebalanceTimeoutMs,
        heartbeatInterval: this.options.heartbeatIntervalMs,
        maxWaitTimeInMs: this.options.maxWaitTimeMs,
        allowAutoTopicCreation: false,
        retry: { retries: 5, restartOnFailure: async () => false },
      });
      this.consumer = consumer;
      this.instrument(consumer);
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [...this.targets.keys()].map((topic) => this.namespace.topic(topic)), fromBeginning: true });
        await consumer.run({
          autoCommit: true,
          autoCommitInterval: 1_000,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
          eachBatch: (payload) => this.eachBatch(payload),
        });
        this.touch();
        return;
      } catch (error) {
        this.failures += 1;
        if (!this.connection.absorbs(error)) this.logger.warn('consumer could not start; retrying', { group: this.group, failures: this.failures, error: errorMessage(error) });
        this.consumer = undefined;
        await consumer.disconnect().catch(() => undefined);
        await sleep(this.restartDelay(), this.stopping.signal);
      }
    }
  }

  private instrument(consumer: Consumer): void {
    const { CRASH, STOP, FETCH_START, END_BATCH_PROCESS, GROUP_JOIN, REQUEST } = consumer.events;
    consumer.on(CRASH, ({ payload }) => void this.restart(consumer, `crashed: ${errorMessage(payload.error)}`, payload.error));
    consumer.on(STOP, () => void this.restart(consumer, 'stopped unexpectedly'));
    for (const event of [FETCH_START, END_BATCH_PROCESS, GROUP_JOIN]) consumer.on(event, () => this.touch());
    consumer.on(REQUEST, ({ payload }) => this.connection.answered(payload.broker));
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  private checkStall(): void {
    if (!this.running || this.restarting || this.connecting || this.consumer === undefined) return;
    if (Date.now() - this.lastActivity > this.options.stallTimeoutMs) void this.restart(this.consumer, `no fetch or progress for ${this.options.stallTimeoutMs} ms`);
    else if (Date.now() - this.healthySince > HEALTHY_AFTER_MS) this.failures = 0;
  }

  private restartDelay(): number {
    return backoffDelay(this.failures, this.options.initialRestartDelayMs, this.options.maxRestartDelayMs);
  }

  private async restart(consumer: Consumer, why: string, error?: unknown): Promise<void> {
    // Only the current consumer's failure counts; our own stop() also emits STOP.
    if (!this.running || this.restarting || consumer !== this.consumer) return;
    this.restarting = true;
    this.failures += 1;
    this.restarts += 1;
    // A crash for want of brokers, or a stop or stall while they are away, is the outage itself.
    const outage = error === undefined ? this.connection.down : this.connection.absorbs(error);
    if (!outage) this.logger.warn('consumer restarting', { group: this.group, why, failures: this.failures });
    try {
      this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      await sleep(this.restartDelay(), this.stopping.signal);
      this.healthySince = Date.now();
      this.touch();
      this.launching = this.launch();
      await this.launching;
    } finally {
      this.restarting = false;
    }
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = this.namespace.logicalTopic(batch.topic);
    const target = topic === undefined ? undefined : this.targets.get(topic);
    if (topic === undefined || target === undefined || batch.messages.length === 0) return;
    const lost = new AbortController();
    const signal = AbortSignal.any([this.stopping.signal, lost.signal]);
    const records: IncomingRecord[] = batch.messages.map((message) => ({
      topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key === null ? null : message.key.toString('utf8'),
      value: message.value,
      headers: headersToStrings(message.headers),
    }));
    // kafkajs heartbeats only between fetches and when asked, so a handler slower than the
    // session timeout would get this member dropped and its batch delivered again elsewhere.
    // While a batch runs, heartbeats go on beside it (kafkajs sends at most one per interval).
    // One that fails means the group is rebalancing or has dropped this member: the rest of
    // the batch is handed back, so the member rejoins without holding the group up.
    const keepAlive = setInterval(() => void heartbeat().catch(() => lost.abort()), Math.max(100, Math.floor(this.options.heartbeatIntervalMs / 2)));
    try {
      await deliverRecords(
        records,
        target,
        {
          system: 'kafka',
          signal,
          logger: this.logger,
          deadLetter: this.deadLetter,
          heartbeat: async () => {
            this.touch();
            await heartbeat();
          },
        },
        (offset) => {
          resolveOffset(offset);
          this.touch();
          // The partition was revoked or the consumer is stopping: hand back the rest unhandled.
          if (!isRunning() || isStale()) lost.abort();
        },
        () => Number(batch.highWatermark),
      );
    } catch (error) {
      if (error instanceof DeliveryInterruptedException) return;
      throw error;
    } finally {
      clearInterval(keepAlive);
    }
  }
}
