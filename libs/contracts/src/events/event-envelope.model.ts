import type { Schema } from './schema.util';

/**
 * What travels on every topic. `version` is the version of the payload's schema for this
 * `type` within the topic; a breaking change is a new topic (`….v2`), so consumers of one
 * topic only ever meet versions they were written for or compatible additions.
 */
export interface EventEnvelope<P = unknown, T extends string = string> {
  /** UUID; the idempotency key of every consumer. */
  id: string;
  type: T;
  version: number;
  /** ISO-8601 instant with an offset: when the fact happened, not when it was sent. */
  occurredAt: string;
  /** Partitioning key: events with one key are delivered in the order they were published. */
  key: string;
  /** The service that produced the event, e.g. `incidents`. */
  source: string;
  payload: P;
  /** W3C trace context of the operation that caused the event. */
  traceparent?: string;
}

/** Event type → payload. An interface works too (no index signature needed). */
export type EventMap = { [type: string]: object };

export interface EventDefinition<P> {
  description: string;
  /** Accepted payload schemas by version; the highest is the one producers write. */
  versions: Readonly<Record<number, Schema<P>>>;
}

export interface TopicDefinition<M extends { [K in keyof M]: object } = EventMap> {
  name: string;
  /** Partitions the topic is created with; ordering holds per key, parallelism per partition. */
  partitions: number;
  /** What the key is, for people reading the registry. */
  key: string;
  /** The key an event must carry, derived from its payload (checked on produce and consume). */
  keyOf(type: keyof M & string, payload: M[keyof M & string]): string;
  events: { [T in keyof M & string]: EventDefinition<M[T]> };
}

/**
 * Any topic, whatever events it carries. `TopicDefinition<M>` is invariant in M (keyOf reads
 * M, events hold schemas of M), so a registry of different topics needs `any` here, once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTopicDefinition = TopicDefinition<any>;

/** The envelope union of one topic: `type` narrows `payload`. */
export type EnvelopeOf<D> = D extends TopicDefinition<infer M>
  ? { [T in keyof M & string]: EventEnvelope<M[T], T> }[keyof M & string]
  : never;

export type EventTypeOf<D> = D extends TopicDefinition<infer M> ? keyof M & string : never;
export type PayloadOf<D, T extends string> = D extends TopicDefinition<infer M> ? (T extends keyof M ? M[T] : never) : never;

export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

export function isDlqTopic(topic: string): boolean {
  return topic.endsWith('.dlq');
}

export function defineTopic<M extends { [K in keyof M]: object }>(definition: TopicDefinition<M>): TopicDefinition<M> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(definition.name) || isDlqTopic(definition.name)) {
    throw new Error(`topic name "${definition.name}" must be dotted lower-case words and must not end with .dlq`);
  }
  if (!Number.isInteger(definition.partitions) || definition.partitions < 1) {
    throw new Error(`topic ${definition.name}: partitions must be a positive integer, got ${definition.partitions}`);
  }
  for (const [type, event] of Object.entries(definition.events) as Array<[string, EventDefinition<unknown>]>) {
    const versions = Object.keys(event.versions).map(Number);
    if (versions.length === 0 || versions.some((v) => !Number.isInteger(v) || v < 1)) {
      throw new Error(`topic ${definition.name}: event ${type} needs at least one positive integer version`);
    }
  }
  return definition;
}

export function latestVersion(event: EventDefinition<unknown>): number {
  return Math.max(...Object.keys(event.versions).map(Number));
}
