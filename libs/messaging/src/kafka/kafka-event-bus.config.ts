import { MessagingConfigException } from '../core/messaging.exception';
import type { MessagingLogger } from '../core/messaging-logger.type';
import { kafkaNamespaceProblem } from './kafka-namespace.util';

export interface KafkaEventBusOptions {
  brokers: string[];
  /** Names this process to the brokers (logs, quotas), e.g. the service name. */
  clientId: string;
  /**
   * Prefixes every topic (and `.dlq` twin) and consumer group on the brokers with
   * `<namespace>.`, so platforms sharing a cluster stay apart; services still see the logical
   * names. Default '' (none). Letters, digits, `_`, `-` in dot-separated parts, ≤ 100 chars.
   */
  namespace?: string;
  /** Replication factor of the topics ensureTopics creates. Default 1 (one broker); 3 in production. */
  replicationFactor?: number;
  /** Partitions of each `.dlq` topic. Default 1: dead letters are rare and read by people. */
  deadLetterPartitions?: number;
  logger?: MessagingLogger;
  producer?: {
    /** Records per produce request; the relay's batches are split to this. Default 1 000. */
    maxRecordsPerRequest?: number;
    /** How long the broker may take to acknowledge on all in-sync replicas. Default 30 s. */
    ackTimeoutMs?: number;
  };
  consumer?: {
    /**
     * How long the broker keeps a member that sends no heartbeat: after a crash, the group
     * waits this long before its partitions go to the others (or to the restarted process).
     * Default 8 s: a new member is at work within 10 s of a kill -9, while a network pause or
     * GC stall of a few seconds costs nothing. Brokers refuse less than their
     * `group.min.session.timeout.ms` (6 s by default).
     */
    sessionTimeoutMs?: number;
    /**
     * How long the broker waits, in a rebalance, for live members to finish their batch and
     * rejoin (dead members are dropped after their session timeout). Default 60 s.
     */
    rebalanceTimeoutMs?: number;
    /** Default a third of sessionTimeoutMs, at most 1 s; at most a third of it. Heartbeats go on while handlers run. */
    heartbeatIntervalMs?: number;
    /** Longest time a fetch waits for new records; bounds latency when idle. Default 500 ms. */
    maxWaitTimeMs?: number;
    /** Partitions handled at once per group (each in order). Default 4. */
    partitionsConsumedConcurrently?: number;
    /** Restart a consumer that shows no fetch or progress for this long. Default 60 s. */
    stallTimeoutMs?: number;
    /**
     * Longest wait in stop() for a consumer to leave its group (kafkajs waits out a rebalance
     * in progress first). Past it, stop() goes on and the broker drops the member after its
     * session timeout; offsets are committed only after effects, so nothing is lost. Default 10 s.
     */
    stopTimeoutMs?: number;
  };
  supervision?: {
    initialRestartDelayMs?: number;
    maxRestartDelayMs?: number;
  };
}

export interface ResolvedKafkaOptions {
  brokers: string[];
  clientId: string;
  namespace: string;
  replicationFactor: number;
  deadLetterPartitions: number;
  maxRecordsPerRequest: number;
  ackTimeoutMs: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxWaitTimeMs: number;
  partitionsConsumedConcurrently: number;
  stallTimeoutMs: number;
  stopTimeoutMs: number;
  initialRestartDelayMs: number;
  maxRestartDelayMs: number;
}

function positiveInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) throw new MessagingConfigException(`kafka bus: ${field} must be an integer ≥ 1, got ${value}`);
  return value;
}

export function resolveKafkaOptions(options: KafkaEventBusOptions): ResolvedKafkaOptions {
  if (!Array.isArray(options.brokers) || options.brokers.length === 0 || options.brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new MessagingConfigException(`kafka bus: brokers must be a non-empty list of host:port, got ${JSON.stringify(options.brokers)}`);
  }
  if (!options.clientId) throw new MessagingConfigException('kafka bus: clientId must not be empty');
  const namespace = options.namespace ?? '';
  const namespaceProblem = kafkaNamespaceProblem(namespace);
  if (namespaceProblem) throw new MessagingConfigException(`kafka bus: namespace ${namespaceProblem}`);
  const consumer = options.consumer ?? {};
  const sessionTimeoutMs = positiveInt(consumer.sessionTimeoutMs ?? 8_000, 'consumer.sessionTimeoutMs');
  const heartbeatIntervalMs = positiveInt(consumer.heartbeatIntervalMs ?? Math.max(1, Math.min(1_000, Math.floor(sessionTimeoutMs / 3))), 'consumer.heartbeatIntervalMs');
  // Kafka's own advice: one late or lost heartbeat must not cost the member its partitions.
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs) {
    throw new MessagingConfigException(`kafka bus: consumer.heartbeatIntervalMs must be at most a third of sessionTimeoutMs (${sessionTimeoutMs}), got ${heartbeatIntervalMs}`);
  }
  const resolved: ResolvedKafkaOptions = {
    brokers: options.brokers,
    clientId: options.clientId,
    namespace,
    replicationFactor: positiveInt(options.replicationFactor ?? 1, 'replicationFactor'),
    deadLetterPartitions: positiveInt(options.deadLetterPartitions ?? 1, 'deadLetterPartitions'),
    maxRecordsPerRequest: positiveInt(options.producer?.maxRecordsPerRequest ?? 1_000, 'producer.maxRecordsPerRequest'),
    ackTimeoutMs: positiveInt(options.producer?.ackTimeoutMs ?? 30_000, 'producer.ackTimeoutMs'),
    sessionTimeoutMs,
    rebalanceTimeoutMs: positiveInt(consumer.rebalanceTimeoutMs ?? 60_000, 'consumer.rebalanceTimeoutMs'),
    heartbeatIntervalMs,
    maxWaitTimeMs: positiveInt(consumer.maxWaitTimeMs ?? 500, 'consumer.maxWaitTimeMs'),
    partitionsConsumedConcurrently: positiveInt(consumer.partitionsConsumedConcurrently ?? 4, 'consumer.partitionsConsumedConcurrently'),
    stallTimeoutMs: positiveInt(consumer.stallTimeoutMs ?? 60_000, 'consumer.stallTimeoutMs'),
    stopTimeoutMs: positiveInt(consumer.stopTimeoutMs ?? 10_000, 'consumer.stopTimeoutMs'),
    initialRestartDelayMs: positiveInt(options.supervision?.initialRestartDelayMs ?? 500, 'supervision.initialRestartDelayMs'),
    maxRestartDelayMs: positiveInt(options.supervision?.maxRestartDelayMs ?? 30_000, 'supervision.maxRestartDelayMs'),
  };
  return resolved;
}
