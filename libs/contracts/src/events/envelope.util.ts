import {
  type AnyTopicDefinition,
  type EnvelopeOf,
  type EventDefinition,
  type EventEnvelope,
  type EventTypeOf,
  type PayloadOf,
  latestVersion,
} from './event-envelope.model';
import { EventValidationException } from './event-validation.exception';
import { type ValidationIssue, formatValidationIssues, isIsoInstant, isPlainObject, isoInstant, number, object, optional, string } from './schema.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-[0-9a-f-]*)?$/;
/** Kafka keys are bytes, but a key is an aggregate id: anything longer is a producer bug. */
const MAX_KEY_LENGTH = 512;

const envelopeSchema = object({
  id: string({ pattern: UUID, patternName: 'a UUID' }),
  type: string({ pattern: EVENT_TYPE, patternName: 'a dotted lower-case event type' }),
  version: number({ integer: true, min: 1 }),
  occurredAt: isoInstant(),
  key: string({ maxLength: MAX_KEY_LENGTH }),
  source: string({ maxLength: 200 }),
  payload: object({}),
  traceparent: optional(string({ pattern: TRACEPARENT, patternName: 'a W3C traceparent' })),
});

export type DecodeFailureReason = 'invalid-envelope' | 'unknown-event' | 'invalid-payload';

export type DecodeResult<E = EventEnvelope> =
  | { ok: true; envelope: E }
  | { ok: false; reason: DecodeFailureReason; issues: ValidationIssue[]; error: string };

function fail(reason: DecodeFailureReason, issues: ValidationIssue[]): DecodeResult<never> {
  return { ok: false, reason, issues, error: `${reason}: ${formatValidationIssues(issues)}` };
}

/** Checks an already-parsed value against the envelope shape and the topic's contract. */
export function checkEnvelope<D extends AnyTopicDefinition>(topic: D, value: unknown): DecodeResult<EnvelopeOf<D>> {
  const shapeIssues: ValidationIssue[] = [];
  envelopeSchema.check(value, '', shapeIssues);
  if (shapeIssues.length > 0 || !isPlainObject(value)) return fail('invalid-envelope', shapeIssues);
  const envelope = value as unknown as EventEnvelope<Record<string, unknown>>;
  const event = (topic.events as Record<string, EventDefinition<unknown> | undefined>)[envelope.type];
  if (event === undefined || !Object.prototype.hasOwnProperty.call(topic.events, envelope.type)) {
    return fail('unknown-event', [{ path: 'type', message: `${envelope.type} is not carried by ${topic.name} (known: ${Object.keys(topic.events).join(', ')})` }]);
  }
  const schema = event.versions[envelope.version];
  if (schema === undefined) {
    return fail('unknown-event', [{ path: 'version', message: `${envelope.type} has no version ${envelope.version} on ${topic.name} (known: ${Object.keys(event.versions).join(', ')})` }]);
  }
  const payloadIssues: ValidationIssue[] = [];
  schema.check(envelope.payload, 'payload', payloadIssues);
  if (payloadIssues.length > 0) return fail('invalid-payload', payloadIssues);
  const expectedKey = topic.keyOf(envelope.type, envelope.payload as never);
  if (envelope.key !== expectedKey) {
    return fail('invalid-envelope', [{ path: 'key', message: `must be "${expectedKey}" (${topic.key}), got "${envelope.key}"` }]);
  }
  return { ok: true, envelope: value as unknown as EnvelopeOf<D> };
}

// Non-streaming decodes keep no state, so one decoder serves every call.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses and checks bytes read from a topic. Never throws: a bad record is a result. */
export function decodeEnvelope<D extends AnyTopicDefinition>(topic: D, raw: string | Uint8Array | null): DecodeResult<EnvelopeOf<D>> {
  if (raw === null) return fail('invalid-envelope', [{ path: '', message: 'record has no value' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : utf8.decode(raw));
  } catch (error) {
    return fail('invalid-envelope', [{ path: '', message: `is not UTF-8 JSON (${(error as Error).message})` }]);
  }
  return checkEnvelope(topic, parsed);
}

/** Throws {@link EventValidationException} when the envelope breaks the topic's contract. */
export function assertEnvelope<D extends AnyTopicDefinition>(topic: D, value: unknown): EnvelopeOf<D> {
  const result = checkEnvelope(topic, value);
  if (!result.ok) throw new EventValidationException(topic.name, result.issues);
  return result.envelope;
}

export function encodeEnvelope(envelope: EventEnvelope): string {
  return JSON.stringify(envelope);
}

export interface EnvelopeMeta {
  source: string;
  /** Defaults to a random UUID; pass one to make a retried command produce the same event. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: string | Date;
  traceparent?: string;
}

/**
 * keyOf may read fields a bad payload lacks. A stand-in key then lets the envelope check go
 * on to the payload and name those fields (a valid payload always yields its real key).
 */
function keyOf(topic: AnyTopicDefinition, type: string, payload: unknown): string {
  try {
    const key = topic.keyOf(type, payload as never);
    return typeof key === 'string' && key !== '' ? key : '?';
  } catch {
    return '?';
  }
}

/** Builds a checked envelope at the latest version of `type`, with the key the topic prescribes. */
export function createEnvelope<D extends AnyTopicDefinition, T extends EventTypeOf<D>>(
  topic: D,
  type: T,
  payload: PayloadOf<D, T>,
  meta: EnvelopeMeta,
): EventEnvelope<PayloadOf<D, T>, T> {
  const event = (topic.events as Record<string, EventDefinition<unknown> | undefined>)[type];
  if (event === undefined) throw new EventValidationException(topic.name, [{ path: 'type', message: `${type} is not carried by ${topic.name}` }]);
  const occurredAt = meta.occurredAt instanceof Date ? meta.occurredAt.toISOString() : meta.occurredAt ?? new Date().toISOString();
  if (!isIsoInstant(occurredAt)) throw new EventValidationException(topic.name, [{ path: 'occurredAt', message: `must be an ISO-8601 instant, got "${occurredAt}"` }]);
  const envelope: EventEnvelope<PayloadOf<D, T>, T> = {
    id: meta.id ?? globalThis.crypto.randomUUID(),
    type,
    version: latestVersion(event),
    occurredAt,
    key: keyOf(topic, type, payload),
    source: meta.source,
    payload,
    ...(meta.traceparent === undefined ? {} : { traceparent: meta.traceparent }),
  };
  // One check of the whole envelope: payload problems are reported before a key mismatch.
  assertEnvelope(topic, envelope);
  return envelope;
}
