import type { DeadLetter, DeadLetterReason } from '@underpin/contracts';
import type { OutgoingRecord } from '../core/event-bus.type';

/** Where a dead letter sits: its record in the `.dlq` topic (offset as a decimal string). */
export interface DeadLetterLocation {
  topic: string;
  partition: number;
  offset: string;
}

/** A dead letter as read back from its `.dlq` topic, with where it sits there. */
export interface StoredDeadLetter extends DeadLetter {
  dlq: DeadLetterLocation;
}

export interface DeadLetterFilter {
  /** The original topic (its `.dlq` twin is read). */
  topic?: string;
  /** The consumer group that gave up on the event. */
  group?: string;
  reason?: string;
}

/**
 * Added to a replayed record, so a consumer (or an operator reading a second dead letter of
 * the same event) can tell a replay from the original delivery. They are `dlq-*` headers:
 * a later replay of the same record replaces them rather than piling them up.
 */
export const REPLAY_HEADERS = {
  from: 'dlq-replayed-from',
  at: 'dlq-replayed-at',
} as const;

export const DEAD_LETTER_REASONS: readonly DeadLetterReason[] = ['invalid-envelope', 'unknown-event', 'invalid-payload', 'key-mismatch', 'handler-failed'];

/**
 * Only a handler failure can succeed on a second try (once the bug is fixed); a record that
 * broke the topic's contract is rejected again by every consumer, and a reason this code does
 * not know is not a promise of anything, so both are refused unless the operator insists.
 */
export function replayableByDefault(reason: string): boolean {
  return reason === 'handler-failed';
}

/** `topic/partition@offset`, the one spelling of a record's place in logs, headers and the CLI. */
export function formatLocation(location: DeadLetterLocation): string {
  return `${location.topic}/${location.partition}@${location.offset}`;
}

export function matchesDeadLetter(deadLetter: DeadLetter, filter: Omit<DeadLetterFilter, 'topic'>): boolean {
  return (filter.group === undefined || deadLetter.group === filter.group) && (filter.reason === undefined || deadLetter.reason === filter.reason);
}

/** Kafka orders offsets as 64-bit integers; compared as text, "10" would sort before "9". */
export function compareStored(a: StoredDeadLetter, b: StoredDeadLetter): number {
  if (a.dlq.topic !== b.dlq.topic) return a.dlq.topic < b.dlq.topic ? -1 : 1;
  if (a.dlq.partition !== b.dlq.partition) return a.dlq.partition - b.dlq.partition;
  const [x, y] = [BigInt(a.dlq.offset), BigInt(b.dlq.offset)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The id and type of the event in a dead letter's value, when the value is a JSON object
 * carrying them (a payload that broke the contract still has both); undefined otherwise.
 */
export function peekEvent(value: Uint8Array | null): { id: string; type: string } | undefined {
  if (value === null || value.length === 0) return undefined;
  try {
    const parsed = JSON.parse(utf8.decode(value)) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const { id, type } = parsed as { id?: unknown; type?: unknown };
    return typeof id === 'string' && typeof type === 'string' ? { id, type } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The record that sends a dead letter back to its original topic: original key, value bytes
 * and headers, every `dlq-*` header of earlier failures and replays dropped, and where it
 * was replayed from and when. No partition: the key's partitioner puts it where the key's
 * newer events go, even if the topic gained partitions since it failed.
 */
export function replayRecord(deadLetter: StoredDeadLetter, at: Date): OutgoingRecord {
  const headers = Object.fromEntries(Object.entries(deadLetter.headers).filter(([name]) => !name.startsWith('dlq-')));
  return {
    topic: deadLetter.topic,
    key: deadLetter.key,
    // deadLetterRecord stores a missing value as no bytes; it goes back the same way.
    value: deadLetter.value === null ? Buffer.alloc(0) : Buffer.from(deadLetter.value),
    headers: { ...headers, [REPLAY_HEADERS.from]: formatLocation(deadLetter.dlq), [REPLAY_HEADERS.at]: at.toISOString() },
  };
}
