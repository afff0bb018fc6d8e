import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { Kafka, logLevel } from 'kafkajs';
import { type DeadLetter, createEnvelope, encodeEnvelope } from '@underpin/contracts';
import { testKafkaBrokers, uniqueTopicName, waitUntilHandled } from '@underpin/testing';
import { KafkaEventBusService, silentLogger } from '../src';
import { type SequenceStep, assertOrderedPerKey, sequenceEnvelopes, sequenceTopic, waitFor } from './support/sequence-topic.util';

function newBus(clientId: string): KafkaEventBusService {
  return new KafkaEventBusService({
    brokers: testKafkaBrokers(),
    clientId,
    logger: silentLogger,
    consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
  });
}

describe(KafkaEventBusService.name, () => {
  const buses: KafkaEventBusService[] = [];
  const bus = (clientId: string) => {
    const created = newBus(clientId);
    buses.push(created);
    return created;
  };

  // A consumer's stop() may wait up to its stopTimeoutMs (10 s) for a handler still running.
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()));
  }, 30_000);

  it('creates each topic and its .dlq twin with the configured partitions, once', async () => {
    const topic = sequenceTopic(uniqueTopicName('ensure'), 5);
    const admin = bus('ensure');
    expect((await admin.ensureTopics([topic])).created.sort()).toEqual([topic.name, `${topic.name}.dlq`]);
    expect((await admin.ensureTopics([topic])).created).toEqual([]);
    const kafkaAdmin = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    const metadata = await kafkaAdmin.fetchTopicMetadata({ topics: [topic.name, `${topic.name}.dlq`] });
    await kafkaAdmin.disconnect();
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([[topic.name, 5], [`${topic.name}.dlq`, 1]].sort());
  });

  it('refuses to publish to a topic nobody created', async () => {
    const producer = bus('unknown-topic');
    const [envelope] = sequenceEnvelopes(sequenceTopic('x.v1'), 1, 1);
    await expect(producer.publishRecords([{ topic: uniqueTopicName('missing'), key: 'k', value: encodeEnvelope(envelope), headers: {} }])).rejects.toThrow();
  });

  it('delivers every event to each group, in order per key, and carries the trace from producer to consumer', async () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    const exporter = new InMemorySpanExporter();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    trace.setGlobalTracerProvider(provider);
    try {
      const topic = sequenceTopic(uniqueTopicName('order'), 4);
      const producer = bus('order-producer');
      await producer.ensureTopics([topic]);
      const consumer = bus('order-consumer');
      const seen: Record<string, SequenceStep[]> = { a: [], b: [] };
      const traceIds = new Set<string>();
      for (const group of ['a', 'b']) {
        consumer.subscribe({
          topic,
          group: `${topic.name}.${group}`,
          handler: async (envelope, ctx) => {
            seen[group].push(envelope.payload);
            traceIds.add(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
            expect(ctx.traceparent).toMatch(/^00-[0-9a-f]{32}-/);
          },
        });
      }
      await consumer.start();

      const requestTraceId = await trace.getTracer('test').startActiveSpan('command', async (span) => {
        await producer.publish(topic, sequenceEnvelopes(topic, 10, 30));
        span.end();
        return span.spanContext().traceId;
      });
      await waitFor(() => seen['a'].length === 300 && seen['b'].length === 300, 30_000, 'both groups to see 300 events');
      assertOrderedPerKey(seen['a'], 10, 30);
      assertOrderedPerKey(seen['b'], 10, 30);
      expect([...traceIds]).toEqual([requestTraceId]);
      await provider.forceFlush();
      const consumerSpans = exporter.getFinishedSpans().filter((s) => s.name === `${topic.name} process`);
      expect(consumerSpans.length).toBe(600);
      expect(consumerSpans.every((s) => s.spanContext().traceId === requestTraceId)).toBe(true);
    } finally {
      trace.disable();
      propagation.disable();
      context.disable();
    }
  }, 60_000);

  it('keeps its group membership through a handler that runs longer than the session timeout', async () => {
    const topic = sequenceTopic(uniqueTopicName('slow-handler'), 1);
    const producer = bus('slow-producer');
    await producer.ensureTopics([topic]);
    const consumer = bus('slow-consumer');
    const calls: number[] = [];
    consumer.subscribe({
      topic,
      group: `${topic.name}.effects`,
      handler: async (envelope) => {
        calls.push(envelope.payload.seq);
        // 1.5 × the 6 s session timeout of newBus: only heartbeats sent meanwhile keep the member.
        if (envelope.payload.seq === 1) await new Promise((resolve) => setTimeout(resolve, 9_000));
      },
    });
    await consumer.start();
    await producer.publish(topic, sequenceEnvelopes(topic, 1, 2));
    await waitFor(() => calls.includes(2), 40_000, 'the event after the slow one');
    // A member dropped by the broker meanwhile would have the slow event delivered again, and
    // the group would commit past it only after that delivery.
    await waitUntilHandled(consumer, topic, [`${topic.name}.effects`]);
    expect(calls).toEqual([1, 2]);
  }, 60_000);

  it('sends a malformed event to the .dlq topic with its reason and processes the next one', async () => {
    const topic = sequenceTopic(uniqueTopicName('poison'), 2);
    const producer = bus('poison-producer');
    await producer.ensureTopics([topic]);
    const consumer = bus('poison-consumer');
    const applied: number[] = [];
    const deadLetters: DeadLetter[] = [];
    consumer.subscribe({ topic, group: `${topic.name}.effects`, handler: async (envelope) => void applied.push(envelope.payload.seq) });
    consumer.subscribeDeadLetters({ topic, group: `${topic.name}.ops`, handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    await consumer.start();

    const [first, second] = sequenceEnvelopes(topic, 1, 2);
    const poison = encodeEnvelope({ ...first, payload: { key: 'key-0', seq: -1 } });
    await producer.publishRecords([
      { topic: topic.name, key: 'key-0', value: poison, headers: { origin: 'test' } },
      { topic: topic.name, key: 'key-0', value: encodeEnvelope(second), headers: {} },
    ]);
    await waitFor(() => applied.length === 1 && deadLetters.length === 1, 30_000, 'the good event and the dead letter');
    expect(applied).toEqual([2]);
    expect(deadLetters[0]).toMatchObject({
      reason: 'invalid-payload',
      topic: topic.name,
      group: `${topic.name}.effects`,
      key: 'key-0',
      headers: { origin: 'test' },
    });
    expect(deadLetters[0].error).toContain('payload.seq: must be ≥ 1, got -1');
    expect(Buffer.from(deadLetters[0].value!).toString()).toBe(poison);
    expect(deadLetters[0].offset).toMatch(/^\d+$/);
    expect(deadLetters[0].partition).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("sends a record whose key is not its envelope's to the .dlq topic and applies the next one", async () => {
    const topic = sequenceTopic(uniqueTopicName('key-mismatch'), 2);
    const producer = bus('mismatch-producer');
    await producer.ensureTopics([topic]);
    const consumer = bus('mismatch-consumer');
    const applied: SequenceStep[] = [];
    const deadLetters: DeadLetter[] = [];
    consumer.subscribe({ topic, group: `${topic.name}.effects`, handler: async (envelope) => void applied.push(envelope.payload) });
    consumer.subscribeDeadLetters({ topic, group: `${topic.name}.ops`, handler: async (deadLetter) => void deadLetters.push(deadLetter) });
    await consumer.start();

    // Keyed INC-1002, so it sits among INC-1002's events, but it speaks of INC-9999.
    const stray = encodeEnvelope(createEnvelope(topic, 'test.step', { key: 'INC-9999', seq: 1 }, { source: 'test' }));
    const next = encodeEnvelope(createEnvelope(topic, 'test.step', { key: 'INC-1002', seq: 1 }, { source: 'test' }));
    await producer.publishRecords([
      { topic: topic.name, key: 'INC-1002', value: stray, headers: {} },
      { topic: topic.name, key: 'INC-1002', value: next, headers: {} },
    ]);
    await waitFor(() => applied.length === 1 && deadLetters.length === 1, 30_000, 'the next event and the dead letter');
    expect(applied).toEqual([{ key: 'INC-1002', seq: 1 }]);
    expect(deadLetters[0]).toMatchObject({ reason: 'key-mismatch', topic: topic.name, group: `${topic.name}.effects`, key: 'INC-1002', attempts: 0 });
    expect(deadLetters[0].error).toBe(`key-mismatch: the record's key "INC-1002" is not its envelope's key "INC-9999" (the sequence key)`);
    expect(Buffer.from(deadLetters[0].value!).toString()).toBe(stray);
  }, 60_000);
});
