/**
 * The contract of a `<topic>.dlq` record: the original value bytes and key unchanged, the
 * original headers, plus these headers saying where the record came from and why it failed.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  group: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * invalid-envelope / unknown-event / invalid-payload / key-mismatch: the record broke the
 * contract and will never succeed (key-mismatch: its Kafka key is not its envelope's, so it
 * sits in another aggregate's partition, out of its own aggregate's order); handler-failed:
 * a valid event whose handler kept failing after its retries.
 */
export type DeadLetterReason = 'invalid-envelope' | 'unknown-event' | 'invalid-payload' | 'key-mismatch' | 'handler-failed';

export interface DeadLetter {
  reason: DeadLetterReason;
  error: string;
  topic: string;
  partition: number;
  /** Offset in the original topic, as a decimal string (Kafka offsets exceed 2^53 in theory). */
  offset: string;
  group: string;
  attempts: number;
  failedAt: string;
  key: string | null;
  /** The original value, byte for byte. */
  value: Uint8Array | null;
  /** The original headers (without the dlq-* ones). */
  headers: Record<string, string>;
}
