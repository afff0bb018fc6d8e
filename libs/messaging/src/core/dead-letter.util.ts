import { DEAD_LETTER_HEADERS, type DeadLetter, type DeadLetterReason, dlqTopicOf } from '@underpin/contracts';
import type { IncomingRecord, OutgoingRecord } from './event-bus.type';

const DLQ_HEADER_NAMES = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
/** Kafka headers are meant to be small; a reason listing a thousand bad fields is cut. */
const MAX_ERROR_LENGTH = 4_000;

export interface DeadLetterCause {
  reason: DeadLetterReason;
  error: string;
  group: string;
  attempts: number;
  failedAt: Date;
}

/** The `.dlq` record of a failed record: original key, value bytes and headers, plus the cause. */
export function deadLetterRecord(record: IncomingRecord, cause: DeadLetterCause): OutgoingRecord {
  const original = Object.fromEntries(Object.entries(record.headers).filter(([name]) => !DLQ_HEADER_NAMES.has(name)));
  return {
    topic: dlqTopicOf(record.topic),
    key: record.key,
    value: record.value ?? Buffer.alloc(0),
    headers: {
      ...original,
      [DEAD_LETTER_HEADERS.reason]: cause.reason,
      [DEAD_LETTER_HEADERS.error]: cause.error.length > MAX_ERROR_LENGTH ? `${cause.error.slice(0, MAX_ERROR_LENGTH)}…` : cause.error,
      [DEAD_LETTER_HEADERS.topic]: record.topic,
      [DEAD_LETTER_HEADERS.partition]: String(record.partition),
      [DEAD_LETTER_HEADERS.offset]: record.offset,
      [DEAD_LETTER_HEADERS.group]: cause.group,
      [DEAD_LETTER_HEADERS.attempts]: String(cause.attempts),
      [DEAD_LETTER_HEADERS.failedAt]: cause.failedAt.toISOString(),
    },
  };
}

/** Reads a record of a `.dlq` topic back into its parts. */
export function readDeadLetter(record: IncomingRecord): DeadLetter {
  const h = record.headers;
  const original = Object.fromEntries(Object.entries(h).filter(([name]) => !DLQ_HEADER_NAMES.has(name)));
  return {
    reason: (h[DEAD_LETTER_HEADERS.reason] ?? 'invalid-envelope') as DeadLetterReason,
    error: h[DEAD_LETTER_HEADERS.error] ?? '',
    topic: h[DEAD_LETTER_HEADERS.topic] ?? record.topic.replace(/\.dlq$/, ''),
    partition: Number(h[DEAD_LETTER_HEADERS.partition] ?? -1),
    offset: h[DEAD_LETTER_HEADERS.offset] ?? '',
    group: h[DEAD_LETTER_HEADERS.group] ?? '',
    attempts: Number(h[DEAD_LETTER_HEADERS.attempts] ?? 0),
    failedAt: h[DEAD_LETTER_HEADERS.failedAt] ?? '',
    key: record.key,
    value: record.value === null || record.value.length === 0 ? null : new Uint8Array(record.value),
    headers: original,
  };
}
