import { type AnyTopicDefinition, type DeadLetter, type DeadLetterReason, type EventEnvelope, decodeEnvelope } from '@underpin/contracts';
import { deadLetterRecord, readDeadLetter } from './dead-letter.util';
import type { BatchEventHandler, EventHandler, HandlerContext, IncomingRecord, OutgoingRecord, RetryPolicy } from './event-bus.type';
import { DeliveryInterruptedException } from './messaging.exception';
import { type MessagingLogger, errorMessage } from './messaging-logger.type';
import { backoffDelay, sleep } from './retry.util';
import { withConsumerSpan, withRecordContext } from './trace.util';

/** What one subscription does with records; the same for every adapter. */
export interface DeliveryTarget {
  topic: AnyTopicDefinition;
  group: string;
  retry: RetryPolicy;
  maxBatchSize: number;
  handler?: EventHandler<EventEnvelope>;
  batchHandler?: BatchEventHandler<EventEnvelope>;
  /** Set on subscriptions to a `.dlq` topic: records are dead letters, not envelopes. */
  deadLetterHandler?: (deadLetter: DeadLetter, context: HandlerContext) => Promise<void>;
}

export interface DeliveryRuntime {
  system: 'kafka' | 'in-process';
  /** Must resolve only once the dead letters are stored as durably as the adapter can. */
  deadLetter(records: OutgoingRecord[]): Promise<void>;
  /** Aborted on stop or loss of the partition: nothing more may be handled or committed. */
  signal: AbortSignal;
  heartbeat?(): Promise<void>;
  logger: MessagingLogger;
}

type Decoded = { record: IncomingRecord; envelope: EventEnvelope };
type Segment = { kind: 'valid'; items: Decoded[] } | { kind: 'invalid'; records: Array<{ record: IncomingRecord; reason: Exclude<DeadLetterReason, 'handler-failed'>; error: string }> };

/**
 * Delivers consecutive records of one partition, in order. `progress(offset)` is called
 * once everything up to and including `offset` is handled or dead-lettered, so the adapter
 * may commit up to there. Throws DeliveryInterruptedException when the runtime's signal
 * aborts; what was not reported through `progress` must then be delivered again.
 */
export async function deliverRecords(
  records: IncomingRecord[],
  target: DeliveryTarget,
  runtime: DeliveryRuntime,
  progress: (offset: string) => Promise<void> | void,
  /** The partition's end offset as the adapter knows it (the next offset to be written). */
  endOffset: () => number = () => Number(records[records.length - 1]?.offset ?? -1) + 1,
): Promise<void> {
  for (let start = 0; start < records.length; start += target.maxBatchSize) {
    const chunk = records.slice(start, start + target.maxBatchSize);
    if (target.deadLetterHandler) {
      for (const record of chunk) {
        await handleDeadLetter(record, target, runtime);
        await progress(record.offset);
      }
      continue;
    }
    for (const segment of segment_(chunk, target.topic)) {
      throwIfAborted(runtime.signal);
      if (segment.kind === 'invalid') {
        await runtime.deadLetter(segment.records.map(({ record, reason, error }) => deadLetterRecord(record, { reason, error, group: target.group, attempts: 0, failedAt: new Date() })));
        for (const { record, reason, error } of segment.records) {
          withRecordContext(record.headers, () => runtime.logger.warn('record sent to dead-letter topic', { topic: record.topic, partition: record.partition, offset: record.offset, group: target.group, reason, error }));
        }
        await progress(segment.records[segment.records.length - 1].record.offset);
      } else {
        await handleValid(segment.items, target, runtime, endOffset);
        await progress(segment.items[segment.items.length - 1].record.offset);
      }
    }
    await runtime.heartbeat?.();
  }
}

/**
 * A record keyed for one aggregate but carrying another's event went to the first one's
 * partition: applied, it would overtake or trail the other events of its own aggregate.
 */
function keyMismatch(record: IncomingRecord, envelope: EventEnvelope, topic: AnyTopicDefinition): string | undefined {
  if (record.key === envelope.key) return undefined;
  const expected = `"${envelope.key}" (${topic.key})`;
  return record.key === null
    ? `key-mismatch: the record has no key; its envelope's key is ${expected}`
    : `key-mismatch: the record's key "${record.key}" is not its envelope's key ${expected}`;
}

function segment_(records: IncomingRecord[], topic: AnyTopicDefinition): Segment[] {
  const segments: Segment[] = [];
  for (const record of records) {
    const decoded = decodeEnvelope(topic, record.value);
    const mismatch = decoded.ok ? keyMismatch(record, decoded.envelope, topic) : undefined;
    const result = mismatch === undefined ? decoded : { ok: false as const, reason: 'key-mismatch' as const, error: mismatch };
    const last = segments[segments.length - 1];
    if (result.ok) {
      if (last?.kind === 'valid') last.items.push({ record, envelope: result.envelope });
      else segments.push({ kind: 'valid', items: [{ record, envelope: result.envelope }] });
    } else {
      const entry = { record, reason: result.reason, error: result.error };
      if (last?.kind === 'invalid') last.records.push(entry);
      else segments.push({ kind: 'invalid', records: [entry] });
    }
  }
  return segments;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DeliveryInterruptedException();
}

function contextOf(items: Decoded[], target: DeliveryTarget, attempt: number, endOffset: () => number): HandlerContext {
  const last = items[items.length - 1].record;
  return {
    backlog: Math.max(0, endOffset() - Number(last.offset) - 1),
    topic: last.topic,
    partition: last.partition,
    offset: last.offset,
    group: target.group,
    attempt,
    headers: last.headers,
    traceparent: last.headers['traceparent'] ?? items[items.length - 1].envelope.traceparent,
  };
}

async function handleValid(items: Decoded[], target: DeliveryTarget, runtime: DeliveryRuntime, endOffset: () => number): Promise<void> {
  if (target.batchHandler && items.length > 1) {
    // One attempt for the whole run; on failure each event is retried alone, so one bad
    // event costs its own retries and dead letter rather than its neighbours'.
    const outcome = await attempt(items, 1, target, runtime, endOffset);
    if (outcome.ok) return;
  }
  for (const item of items) await withRetries([item], target, runtime, endOffset);
}

type Outcome = { ok: true } | { ok: false; error: unknown };

async function attempt(items: Decoded[], attemptNumber: number, target: DeliveryTarget, runtime: DeliveryRuntime, endOffset: () => number): Promise<Outcome> {
  throwIfAborted(runtime.signal);
  const context = contextOf(items, target, attemptNumber, endOffset);
  const headers = items.map(traceHeadersOf);
  try {
    await withConsumerSpan(
      `${target.topic.name} process`,
      headers,
      {
        'messaging.system': runtime.system,
        'messaging.destination.name': target.topic.name,
        'messaging.consumer.group.name': target.group,
        'messaging.destination.partition.id': String(context.partition),
        'messaging.batch.message_count': items.length,
        'messaging.message.id': items[0].envelope.id,
      },
      () => (target.batchHandler ? target.batchHandler(items.map((item) => item.envelope), context) : target.handler!(items[0].envelope, context)),
    );
    if (runtime.logger.debug) logHandled(items, target, runtime.logger.debug);
    return { ok: true };
  } catch (error) {
    throwIfAborted(runtime.signal);
    withRecordContext(headers[0], () => runtime.logger.warn('event handler failed', { topic: target.topic.name, group: target.group, partition: context.partition, offset: context.offset, attempt: attemptNumber, error: errorMessage(error) }));
    return { ok: false, error };
  }
}

async function withRetries(items: Decoded[], target: DeliveryTarget, runtime: DeliveryRuntime, endOffset: () => number): Promise<void> {
  const { retry } = target;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const outcome = await attempt(items, attemptNumber, target, runtime, endOffset);
    if (outcome.ok) return;
    if (attemptNumber >= retry.maxAttempts && retry.onExhausted === 'dead-letter' && !retry.isTransient(outcome.error)) {
      const error = errorMessage(outcome.error);
      await runtime.deadLetter(items.map(({ record }) => deadLetterRecord(record, { reason: 'handler-failed', error, group: target.group, attempts: attemptNumber, failedAt: new Date() })));
      withRecordContext(traceHeadersOf(items[0]), () => runtime.logger.error('event sent to dead-letter topic after its retries', { topic: target.topic.name, group: target.group, offset: items[0].record.offset, attempts: attemptNumber, error }));
      return;
    }
    await sleep(backoffDelay(Math.min(attemptNumber, retry.maxAttempts), retry.initialDelayMs, retry.maxDelayMs), runtime.signal);
    throwIfAborted(runtime.signal);
    await runtime.heartbeat?.();
  }
}

async function handleDeadLetter(record: IncomingRecord, target: DeliveryTarget, runtime: DeliveryRuntime): Promise<void> {
  const deadLetter = readDeadLetter(record);
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    throwIfAborted(runtime.signal);
    const context: HandlerContext = { topic: record.topic, partition: record.partition, offset: record.offset, group: target.group, attempt: attemptNumber, headers: record.headers, backlog: 0 };
    try {
      await target.deadLetterHandler!(deadLetter, context);
      return;
    } catch (error) {
      throwIfAborted(runtime.signal);
      if (attemptNumber >= target.retry.maxAttempts && target.retry.onExhausted === 'dead-letter' && !target.retry.isTransient(error)) {
        // A dead letter has nowhere further to go: it is logged in full and skipped.
        withRecordContext(record.headers, () => runtime.logger.error('dead-letter handler failed; record skipped', { topic: record.topic, offset: record.offset, group: target.group, error: errorMessage(error), deadLetter: { ...deadLetter, value: deadLetter.value ? Buffer.from(deadLetter.value).toString('base64') : null } }));
        return;
      }
      await sleep(backoffDelay(attemptNumber, target.retry.initialDelayMs, target.retry.maxDelayMs), runtime.signal);
    }
  }
}

/** A record's headers with the envelope's traceparent when the record came without one. */
function traceHeadersOf(item: Decoded): Record<string, string> {
  return item.record.headers['traceparent'] === undefined && item.envelope.traceparent ? { ...item.record.headers, traceparent: item.envelope.traceparent } : item.record.headers;
}

/** One line per event, in the event's own trace: grep a trace id to follow it through services. */
function logHandled(items: Decoded[], target: DeliveryTarget, debug: NonNullable<DeliveryRuntime['logger']['debug']>): void {
  for (const item of items) {
    const { record, envelope } = item;
    withRecordContext(traceHeadersOf(item), () => debug('event handled', { topic: record.topic, partition: record.partition, offset: record.offset, group: target.group, key: record.key, id: envelope.id, type: envelope.type }));
  }
}
