import { type DeadLetter, encodeEnvelope } from '@underpin/contracts';
import { assertOrderedPerKey, sequenceEnvelopes, sequenceTopic, type SequenceStep, waitFor } from '../../test/support/sequence-topic.util';
import type { HandlerContext } from '../core/event-bus.type';
import { BusStoppedException } from '../core/messaging.exception';
import { silentLogger } from '../core/messaging-logger.type';
import { InProcessEventBusService } from './in-process-event-bus.service';

const topic = sequenceTopic('test.sequence.v1', 8);
const fastRetry = { initialDelayMs: 1, maxDelayMs: 5 };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe(InProcessEventBusService.name, () => {
  let bus: InProcessEventBusService;

  beforeEach(() => {
    bus = new InProcessEventBusService({ topics: [topic], logger: silentLogger });
  });

  afterEach(async () => {
    await bus.stop();
  });

  it('gives every group every event once, in order per key', async () => {
    const seen: Record<string, SequenceStep[]> = { a: [], b: [] };
    for (const group of ['a', 'b']) {
      bus.subscribe({ topic, group, handler: async (envelope) => void seen[group].push(envelope.payload) });
    }
    await bus.start();
    await bus.publish(topic, sequenceEnvelopes(topic, 20, 100));
    // acknowledge 'handled': publish resolved only once both groups handled everything.
    expect(seen['a']).toHaveLength(2_000);
    assertOrderedPerKey(seen['a'], 20, 100);
    assertOrderedPerKey(seen['b'], 20, 100);
  });

  it('shares partitions among the members of one group', async () => {
    const byMember: SequenceStep[][] = [[], [], []];
    byMember.forEach((steps) => bus.subscribe({ topic, group: 'shared', handler: async (envelope) => void steps.push(envelope.payload) }));
    await bus.start();
    await bus.publish(topic, sequenceEnvelopes(topic, 30, 20));
    expect(byMember.every((steps) => steps.length > 0)).toBe(true);
    assertOrderedPerKey(byMember.flat(), 30, 20);
    const keysOf = byMember.map((steps) => new Set(steps.map((s) => s.key)));
    for (const key of keysOf[0]) expect(keysOf[1].has(key) || keysOf[2].has(key)).toBe(false);
  });

  it('hands a batch handler consecutive events of one partition, up to maxBatchSize', async () => {
    const batches: SequenceStep[][] = [];
    bus.subscribe({ topic, group: 'batch', maxBatchSize: 7, batchHandler: async (envelopes) => void batches.push(envelopes.map((e) => e.payload)) });
    // Published before start: held, and acknowledged only once handled after start.
    const publishing = bus.publish(topic, sequenceEnvelopes(topic, 5, 10));
    await bus.start();
    await publishing;
    expect(batches.flat()).toHaveLength(50);
    expect(Math.max(...batches.map((b) => b.length))).toBe(7);
    assertOrderedPerKey(batches.flat(), 5, 10);
  });

  it('retries a failed batch event by event, so one bad event does not hold back its batch', async () => {
    const applied: number[] = [];
    const deadLetters: DeadLetter[] = [];
    bus.subscribe({
      topic,
      group: 'batch',
      retry: { ...fastRetry, maxAttempts: 2 },
      batchHandler: async (envelopes) => {
        if (envelopes.some((e) => e.payload.seq === 3)) throw new Error('seq 3 rejected');
        applied.push(...envelopes.map((e) => e.payload.seq));
      },
    });
    bus.subscribeDeadLetters({ topic, group: 'ops', handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    const publishing = bus.publish(topic, sequenceEnvelopes(topic, 1, 6));
    await bus.start();
    await publishing;
    expect(applied).toEqual([1, 2, 4, 5, 6]);
    await waitFor(() => deadLetters.length === 1, 1_000, 'the dead letter');
    expect(deadLetters[0]).toMatchObject({ reason: 'handler-failed', attempts: 2, error: 'Error: seq 3 rejected' });
  });

  it('retries a failing handler with backoff and tells it the attempt', async () => {
    const attempts: number[] = [];
    bus.subscribe({
      topic,
      group: 'flaky',
      retry: { ...fastRetry, maxAttempts: 4 },
      handler: async (_envelope, context: HandlerContext) => {
        attempts.push(context.attempt);
        if (context.attempt < 3) throw new Error('database unavailable');
      },
    });
    await bus.start();
    await bus.publish(topic, sequenceEnvelopes(topic, 1, 1));
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('waits out an outage of the database past its attempts, dead-lettering nothing', async () => {
    const attempts: number[] = [];
    const deadLetters: DeadLetter[] = [];
    bus.subscribe({
      topic,
      group: 'outage',
      retry: { ...fastRetry, maxAttempts: 2 },
      handler: async (_envelope, context: HandlerContext) => {
        attempts.push(context.attempt);
        if (context.attempt < 6) throw new Error('query failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
      },
    });
    bus.subscribeDeadLetters({ topic, group: 'ops', handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    await bus.start();
    await bus.publish(topic, sequenceEnvelopes(topic, 1, 1));
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters an event whose handler keeps failing, and goes on with the next', async () => {
    const applied: number[] = [];
    const deadLetters: DeadLetter[] = [];
    bus.subscribe({
      topic,
      group: 'effects',
      retry: { ...fastRetry, maxAttempts: 3 },
      handler: async (envelope) => {
        if (envelope.payload.seq === 2) throw new Error('seq 2 is cursed');
        applied.push(envelope.payload.seq);
      },
    });
    bus.subscribeDeadLetters({ topic, group: 'ops', handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    await bus.start();
    await bus.publish(topic, sequenceEnvelopes(topic, 1, 3));
    expect(applied).toEqual([1, 3]);
    await waitFor(() => deadLetters.length === 1, 1_000, 'the dead letter');
    expect(deadLetters[0]).toMatchObject({ reason: 'handler-failed', error: 'Error: seq 2 is cursed', topic: 'test.sequence.v1', group: 'effects', attempts: 3, key: 'key-0' });
  });

  it('sends records that break the contract to the .dlq topic with the original bytes, and goes on', async () => {
    const applied: number[] = [];
    const deadLetters: DeadLetter[] = [];
    bus.subscribe({ topic, group: 'effects', handler: async (envelope) => void applied.push(envelope.payload.seq) });
    bus.subscribeDeadLetters({ topic, group: 'ops', handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    await bus.start();
    const [first, second] = sequenceEnvelopes(topic, 1, 2);
    const poison = encodeEnvelope({ ...first, payload: { key: 'key-0', seq: 'one' } });
    await bus.publishRecords([
      { topic: topic.name, key: 'key-0', value: poison, headers: { origin: 'test' } },
      { topic: topic.name, key: 'key-0', value: '{not json', headers: {} },
      { topic: topic.name, key: 'key-0', value: encodeEnvelope(second), headers: {} },
    ]);
    expect(applied).toEqual([2]);
    await waitFor(() => deadLetters.length === 2, 1_000, 'two dead letters');
    expect(deadLetters[0]).toMatchObject({ reason: 'invalid-payload', topic: topic.name, offset: expect.stringMatching(/^\d+$/), headers: { origin: 'test' }, key: 'key-0' });
    expect(deadLetters[0].error).toContain('payload.seq: must be a finite number');
    expect(Buffer.from(deadLetters[0].value!).toString()).toBe(poison);
    expect(deadLetters[1]).toMatchObject({ reason: 'invalid-envelope' });
    expect(Number(deadLetters[1].offset)).toBe(Number(deadLetters[0].offset) + 1);
  });

  it('refuses to publish an envelope that breaks the contract', async () => {
    const [envelope] = sequenceEnvelopes(topic, 1, 1);
    await expect(bus.publish(topic, [{ ...envelope, payload: { key: 'key-0', seq: 0 } }])).rejects.toThrow('payload.seq: must be ≥ 1, got 0');
    await expect(bus.publishRecords([{ topic: 'nope.v1', key: 'k', value: '{}', headers: {} }])).rejects.toThrow('unknown topic nope.v1');
  });

  it('makes publishers wait while a partition holds maxBacklogPerPartition unconsumed events', async () => {
    const small = new InProcessEventBusService({ topics: [topic], logger: silentLogger, acknowledge: 'appended', maxBacklogPerPartition: 5 });
    const gate = deferred();
    let handled = 0;
    small.subscribe({
      topic,
      group: 'slow',
      handler: async () => {
        await gate.promise;
        handled += 1;
      },
    });
    await small.start();
    let published = false;
    const publishing = small.publish(topic, sequenceEnvelopes(topic, 1, 20)).then(() => (published = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toBe(false);
    gate.resolve();
    await publishing;
    await waitFor(() => handled === 20, 1_000, 'all handled');
    await small.stop();
  });

  it('fails waiting publishers on stop, and lets the running handler finish', async () => {
    const gate = deferred();
    let finished = false;
    bus.subscribe({
      topic,
      group: 'slow',
      handler: async () => {
        await gate.promise;
        finished = true;
      },
    });
    await bus.start();
    const publishing = bus.publish(topic, sequenceEnvelopes(topic, 1, 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = bus.stop();
    await expect(publishing).rejects.toBeInstanceOf(BusStoppedException);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    await expect(bus.publish(topic, sequenceEnvelopes(topic, 1, 1))).rejects.toBeInstanceOf(BusStoppedException);
  });

  it('redelivers to the remaining members what a leaving member had not finished', async () => {
    const gate = deferred();
    const applied: SequenceStep[] = [];
    const leaving = bus.subscribe({
      topic,
      group: 'g',
      handler: async () => {
        await gate.promise;
      },
    });
    bus.subscribe({ topic, group: 'g', handler: async (envelope) => void applied.push(envelope.payload) });
    await bus.start();
    const publishing = bus.publish(topic, sequenceEnvelopes(topic, 16, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = leaving.close();
    gate.resolve();
    await closing;
    await publishing;
    // The leaving member's partitions moved over: every step applied by the survivor, in order.
    assertOrderedPerKey(applied, 16, 5);
  });
});
