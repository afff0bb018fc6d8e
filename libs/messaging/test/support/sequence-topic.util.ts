import { type EventEnvelope, type TopicDefinition, createEnvelope, defineTopic, eventSchema } from '@underpin/contracts';

/** Test events: `seq` counts 1, 2, 3… per key, so the order of application can be checked. */
export interface SequenceStep {
  key: string;
  seq: number;
}

export type SequenceTopic = TopicDefinition<{ 'test.step': SequenceStep }>;

export function sequenceTopic(name: string, partitions = 4): SequenceTopic {
  return defineTopic<{ 'test.step': SequenceStep }>({
    name,
    partitions,
    key: 'the sequence key',
    keyOf: (_type, payload) => payload.key,
    events: {
      'test.step': {
        description: 'one step of a per-key sequence',
        versions: { 1: eventSchema.object({ key: eventSchema.string(), seq: eventSchema.number({ integer: true, min: 1 }) }) },
      },
    },
  });
}

/** `keys` × `perKey` steps, interleaved across keys the way independent aggregates would be. */
export function sequenceEnvelopes(topic: SequenceTopic, keys: number, perKey: number): Array<EventEnvelope<SequenceStep, 'test.step'>> {
  const out: Array<EventEnvelope<SequenceStep, 'test.step'>> = [];
  for (let seq = 1; seq <= perKey; seq += 1) {
    for (let k = 0; k < keys; k += 1) out.push(createEnvelope(topic, 'test.step', { key: `key-${k}`, seq }, { source: 'test' }));
  }
  return out;
}

/** Throws unless, for every key, the applied `seq`s are exactly 1…n in order. */
export function assertOrderedPerKey(applied: ReadonlyArray<SequenceStep>, keys: number, perKey: number): void {
  const byKey = new Map<string, number[]>();
  for (const step of applied) byKey.set(step.key, [...(byKey.get(step.key) ?? []), step.seq]);
  if (byKey.size !== keys) throw new Error(`expected ${keys} keys, saw ${byKey.size}`);
  for (const [key, seqs] of byKey) {
    const expected = Array.from({ length: perKey }, (_, i) => i + 1);
    if (seqs.join(',') !== expected.join(',')) throw new Error(`key ${key} applied out of order or not exactly once: ${seqs.slice(0, 20).join(',')}${seqs.length > 20 ? '…' : ''} (${seqs.length} steps)`);
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
