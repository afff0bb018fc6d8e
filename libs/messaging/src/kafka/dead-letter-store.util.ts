import { randomUUID } from 'node:crypto';
import { dlqTopicOf, isDlqTopic } from '@underpin/contracts';
import { type Admin, Kafka, type KafkaMessage, Partitioners, type logCreator, logLevel } from 'kafkajs';
import { readDeadLetter } from '../core/dead-letter.util';
import { MessagingConfigException } from '../core/messaging.exception';
import { type MessagingLogger, errorMessage, silentLogger } from '../core/messaging-logger.type';
import { sleep } from '../core/retry.util';
import { type DeadLetterFilter, type StoredDeadLetter, compareStored, formatLocation, matchesDeadLetter, replayRecord } from './dead-letter-replay.util';
import { headersToStrings } from './kafka-group-consumer.service';
import { KafkaNamespace, kafkaNamespaceProblem } from './kafka-namespace.util';
import { KafkaUnreachableException } from './kafka-unreachable.exception';

export * from './dead-letter-replay.util';
export * from './kafka-unreachable.exception';

export interface DeadLetterStoreOptions {
  brokers: string[];
  /** Names the client to the brokers and prefixes its throwaway consumer groups. */
  clientId?: string;
  /**
   * The platform's namespace on the brokers (KafkaEventBusOptions.namespace): only its topics
   * are read and replayed to, and every name given or shown is the logical one. Default ''.
   */
  namespace?: string;
  /** How long connecting may take before the brokers count as unreachable. Default 6 s. */
  connectTimeoutMs?: number;
  /** A read that sees no new record for this long is abandoned. Default 30 s. */
  stallTimeoutMs?: number;
  logger?: MessagingLogger;
}

export interface ReplayedDeadLetter {
  deadLetter: StoredDeadLetter;
  /** Where the replayed record landed in the original topic. */
  partition: number;
  offset: string;
}

/** One partition of a `.dlq` topic to read up to `high` (exclusive), fixed when the read starts. */
interface PartitionEnd {
  topic: string;
  partition: number;
  high: bigint;
}

/** kafkajs' own errors go to the store's logger (usually silent: failures are thrown anyway). */
function kafkaLogs(logger: MessagingLogger): logCreator {
  return () => ({ level, log }) => {
    const { message, ...fields } = log;
    if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(`kafkajs: ${message}`, fields);
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Reads the dead letters of `.dlq` topics and sends chosen ones back to their original topic,
 * for people (the `underpin dead-letters` CLI), not for services: each call connects, does
 * its work and is done. It never waits for new dead letters and leaves nothing behind on the
 * brokers (no committed offsets, no consumer group).
 *
 * Connecting is bounded (connectTimeoutMs, a couple of short kafkajs retries) so an operator
 * pointing at the wrong address hears so within seconds, as KafkaUnreachableException.
 */
export class KafkaDeadLetterStore {
  private readonly kafka: Kafka;
  private readonly brokers: string[];
  private readonly clientId: string;
  private readonly namespace: KafkaNamespace;
  private readonly connectTimeoutMs: number;
  private readonly stallTimeoutMs: number;
  private readonly logger: MessagingLogger;
  private readonly admin: Admin;
  private connected: Promise<Set<string>> | undefined;

  constructor(options: DeadLetterStoreOptions) {
    this.brokers = options.brokers;
    this.clientId = options.clientId ?? 'underpin-dead-letters';
    const problem = kafkaNamespaceProblem(options.namespace ?? '');
    if (problem) throw new MessagingConfigException(`dead-letter store: namespace ${problem}`);
    this.namespace = new KafkaNamespace(options.namespace ?? '');
    this.connectTimeoutMs = options.connectTimeoutMs ?? 6_000;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 30_000;
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: this.clientId,
      brokers: this.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogs(this.logger),
      // Three tries of at most 2 s each: an unreachable broker is reported well within 10 s.
      connectionTimeout: 2_000,
      requestTimeout: 10_000,
      retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 1_000 },
    });
    this.admin = this.kafka.admin();
  }

  /** The original topics whose `.dlq` twin exists on the brokers (in the namespace), sorted. */
  async topicsWithDeadLetters(): Promise<string[]> {
    return [...(await this.dlqTopics())].map(([logical]) => logical.slice(0, -'.dlq'.length)).sort();
  }

  async topicExists(name: string): Promise<boolean> {
    return (await this.topics()).has(this.namespace.topic(name));
  }

  /**
   * Every dead letter of the `.dlq` topic of `filter.topic` (of every `.dlq` topic when it is
   * not given) from the beginning up to the end each partition had when the read started,
   * that matches the filter, in topic, partition and offset order.
   */
  async read(filter: DeadLetterFilter = {}): Promise<StoredDeadLetter[]> {
    const dlqTopics = await this.dlqTopics();
    const names = filter.topic === undefined ? [...dlqTopics.values()] : [dlqTopics.get(dlqTopicOf(filter.topic))].filter((name): name is string => name !== undefined);
    const ends: PartitionEnd[] = [];
    for (const topic of names) {
      for (const { partition, low, high } of await this.admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) ends.push({ topic, partition, high: BigInt(high) });
      }
    }
    if (ends.length === 0) return [];
    const found = await this.readUpTo(ends, (deadLetter) => matchesDeadLetter(deadLetter, filter));
    return found.sort(compareStored);
  }

  /**
   * Publishes each dead letter to its original topic (see replayRecord), one at a time and in
   * the order given, yielding each once the brokers acknowledged it on all in-sync replicas;
   * the producer is idempotent, so its own retries add no duplicates. Consumers are
   * idempotent by event id, so groups that had applied the event skip the replay.
   */
  async *replay(deadLetters: readonly StoredDeadLetter[], at = new Date()): AsyncGenerator<ReplayedDeadLetter, void, undefined> {
    await this.topics();
    if (deadLetters.length === 0) return;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 2_000 },
    });
    await producer.connect();
    try {
      for (const deadLetter of deadLetters) {
        const record = replayRecord(deadLetter, at);
        const [sent] = await producer.send({ topic: this.namespace.topic(record.topic), acks: -1, timeout: 10_000, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
        yield { deadLetter, partition: sent.partition, offset: sent.baseOffset ?? sent.offset ?? '' };
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  /**
   * Disconnects, waiting at most a second: kafkajs' disconnect waits out a connect attempt
   * still retrying a silent broker, and nothing is owed to a broker that never answered.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000).unref()));
    await Promise.race([this.admin.disconnect().catch(() => undefined), grace]);
    clearTimeout(timer);
  }

  /** The `.dlq` topics of the namespace: logical name → name on the brokers. */
  private async dlqTopics(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const physical of await this.topics()) {
      const logical = this.namespace.logicalTopic(physical);
      if (logical !== undefined && isDlqTopic(logical)) found.set(logical, physical);
    }
    return found;
  }

  /** Connects once, within connectTimeoutMs, and lists the topics (the snapshot every call uses). */
  private topics(): Promise<Set<string>> {
    if (!this.connected) {
      const attempt = (async () => {
        await this.admin.connect();
        return new Set(await this.admin.listTopics());
      })();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new KafkaUnreachableException(this.brokers, `no answer within ${this.connectTimeoutMs / 1000} s`)), this.connectTimeoutMs);
      });
      this.connected = Promise.race([attempt, deadline])
        .catch((error: unknown) => {
          throw error instanceof KafkaUnreachableException ? error : new KafkaUnreachableException(this.brokers, firstLine(error));
        })
        .finally(() => clearTimeout(timer));
      attempt.catch(() => undefined);
    }
    return this.connected;
  }

  /**
   * kafkajs has no consumer without a group (no manual partition assignment), so the read
   * joins a throwaway group of its own — a fresh random id, so it starts from the beginning
   * and shares partitions with nobody — that never commits an offset, and deletes it after.
   * Should the process die first, the group is empty and holds no offsets, so the broker
   * drops it at its next cleanup; no service's group is ever touched.
   */
  private async readUpTo(ends: PartitionEnd[], keep: (deadLetter: StoredDeadLetter) => boolean): Promise<StoredDeadLetter[]> {
    const groupId = this.namespace.group(`${this.clientId}-${randomUUID()}`);
    const consumer = this.kafka.consumer({
      groupId,
      maxWaitTimeInMs: 200,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 2_000, restartOnFailure: async () => false },
    });
    const pending = new Map(ends.map((end) => [`${end.topic}/${end.partition}`, end]));
    const found = new Map<string, StoredDeadLetter>();
    let lastProgress = Date.now();
    let watchdog: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        // Progress is counted per fetched batch, including batches of control records only,
        // which never reach eachBatch but still move the partition towards its end.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          lastProgress = Date.now();
          const key = `${payload.topic}/${payload.partition}`;
          const end = pending.get(key);
          if (end && BigInt(payload.lastOffset) >= end.high - 1n) pending.delete(key);
          if (pending.size === 0) resolve();
        });
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        watchdog = setInterval(() => {
          if (Date.now() - lastProgress <= this.stallTimeoutMs) return;
          reject(new Error(`reading dead letters made no progress for ${this.stallTimeoutMs / 1000} s (unfinished: ${[...pending.keys()].join(', ')})`));
        }, 500);
        const run = async () => {
          await consumer.connect();
          await consumer.subscribe({ topics: [...new Set(ends.map((end) => end.topic))], fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const end = pending.get(`${batch.topic}/${batch.partition}`);
              for (const message of batch.messages) {
                if (end === undefined || BigInt(message.offset) >= end.high) break;
                const deadLetter = this.toStored(batch.topic, batch.partition, message);
                if (keep(deadLetter)) found.set(formatLocation(deadLetter.dlq), deadLetter);
              }
            },
          });
        };
        run().catch(reject);
      });
    } finally {
      clearInterval(watchdog);
      await consumer.disconnect().catch(() => undefined);
      await this.deleteGroup(groupId);
    }
    return [...found.values()];
  }

  private toStored(physical: string, partition: number, message: KafkaMessage): StoredDeadLetter {
    const topic = this.namespace.logicalTopic(physical) ?? physical;
    const deadLetter = readDeadLetter({
      topic,
      partition,
      offset: message.offset,
      key: message.key === null ? null : message.key.toString('utf8'),
      value: message.value,
      headers: headersToStrings(message.headers),
    });
    return { dlq: { topic, partition, offset: message.offset }, ...deadLetter };
  }

  /** A group that never joined does not exist; one the broker still sees as leaving gets two more tries. */
  private async deleteGroup(groupId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.admin.deleteGroups([groupId]);
        return;
      } catch (error) {
        const groups = (error as { groups?: Array<{ error?: { type?: string } }> }).groups;
        if (groups?.every((group) => group.error?.type === 'GROUP_ID_NOT_FOUND')) return;
        if (attempt >= 3) {
          this.logger.warn('throwaway consumer group not deleted; the broker drops it when it expires', { groupId, error: errorMessage(error) });
          return;
        }
        await sleep(300 * attempt);
      }
    }
  }
}
