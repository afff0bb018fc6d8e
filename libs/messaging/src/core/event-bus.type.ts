import type { AnyTopicDefinition, DeadLetter, EnvelopeOf } from '@underpin/contracts';
import { isTransientError } from './transient-error.util';

/** A record as it travels: the encoded envelope plus string headers. */
export interface OutgoingRecord {
  topic: string;
  key: string | null;
  value: string | Buffer;
  headers: Record<string, string>;
}

/** A record as read from a topic partition. Offsets are decimal strings, as in Kafka. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface HandlerContext {
  topic: string;
  partition: number;
  /** Offset of the event (of the last event, for a batch). */
  offset: string;
  group: string;
  /** 1 on first delivery to this handler call, then 2, 3… on retries. */
  attempt: number;
  headers: Record<string, string>;
  /** W3C traceparent the event arrived with, if any. */
  traceparent?: string;
  /**
   * Records of this partition known to be waiting after this batch, as the adapter last saw
   * the partition's end: 0 when the group has caught up with it. A handler whose effects
   * depend on later events (a clock judged against "now") can tell a backlog from live
   * traffic with it.
   */
  backlog: number;
}

/** A consumer group's progress through one partition of a topic. */
export interface PartitionPosition {
  partition: number;
  /** The offset the next record written to the partition will get (its end). */
  end: number;
  /** The next offset the group will handle: every record before it is handled and committed. */
  position: number;
}

export type EventHandler<E> = (envelope: E, context: HandlerContext) => Promise<void>;
/** Receives consecutive events of one partition, in order. Must apply all or none of them. */
export type BatchEventHandler<E> = (envelopes: E[], context: HandlerContext) => Promise<void>;

export interface RetryPolicy {
  /** Attempts per event (or per batch) before giving up; ≥ 1. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * What happens to an event whose handler still fails: `dead-letter` sends it to the
   * `.dlq` topic with reason handler-failed and goes on; `block` keeps retrying at
   * `maxDelayMs` and holds the partition (for handlers whose failures are only ever transient).
   */
  onExhausted: 'dead-letter' | 'block';
  /**
   * Failures that say the infrastructure is away for now (see isTransientError): those are
   * retried at up to `maxDelayMs` until it is back, never dead-lettered, whatever `onExhausted`.
   */
  isTransient: (error: unknown) => boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000, onExhausted: 'dead-letter', isTransient: isTransientError };

interface SubscriptionBase<D extends AnyTopicDefinition> {
  topic: D;
  /** Consumer group: each group receives every event; members of one group share partitions. */
  group: string;
  retry?: Partial<RetryPolicy>;
  /** Largest batch handed to a batch handler (and unit of offset commits). Default 500. */
  maxBatchSize?: number;
}

export type SubscriptionOptions<D extends AnyTopicDefinition> = SubscriptionBase<D> &
  ({ handler: EventHandler<EnvelopeOf<D>>; batchHandler?: never } | { batchHandler: BatchEventHandler<EnvelopeOf<D>>; handler?: never });

export interface DeadLetterSubscriptionOptions {
  /** The original topic; the subscription reads its `.dlq` twin. */
  topic: AnyTopicDefinition;
  group: string;
  handler(deadLetter: DeadLetter, context: HandlerContext): Promise<void>;
  retry?: Partial<RetryPolicy>;
}

export interface Subscription {
  readonly topic: string;
  readonly group: string;
  /** Leaves the group; events not yet handled go to the remaining members (or wait for one). */
  close(): Promise<void>;
}

/** Publishing side alone, e.g. for the outbox relay. */
export interface EventPublisher {
  /** Validates each envelope against the topic's contract, then publishes them in order. */
  publish<D extends AnyTopicDefinition>(topic: D, envelopes: EnvelopeOf<D>[]): Promise<void>;
  /** Publishes already-encoded records (the outbox relay's path), preserving their order per key. */
  publishRecords(records: OutgoingRecord[]): Promise<void>;
}

/**
 * The event backbone port. Delivery contract, the same for every adapter:
 * - ordered per key (one key → one partition → one member of a group at a time);
 * - at-least-once: an event counts as consumed only after its handler resolved, so a crash
 *   re-delivers it (handlers must be idempotent, see IdempotentConsumer);
 * - a handler that throws is retried with exponential backoff, bounded by the retry policy;
 * - a record that breaks the topic's contract goes to `<topic>.dlq` with the reason, the
 *   original bytes, topic, partition, offset and headers, and consumption goes on.
 */
export interface EventBus extends EventPublisher {
  subscribe<D extends AnyTopicDefinition>(options: SubscriptionOptions<D>): Subscription;
  subscribeDeadLetters(options: DeadLetterSubscriptionOptions): Subscription;
  /**
   * Where a consumer group stands in a topic, per partition, across all its members (in
   * every process): what has been written and what the group has committed as handled.
   */
  groupPositions(topic: AnyTopicDefinition, group: string): Promise<PartitionPosition[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
