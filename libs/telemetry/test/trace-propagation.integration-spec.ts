import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { Pool } from 'pg';
import { createEnvelope, defineTopic, eventSchema, type EnvelopeOf } from '@underpin/contracts';
import { KafkaEventBusService, OutboxService, OutboxRelayService, outboxMigrationSql, pgTransactional, silentLogger } from '@underpin/messaging';
import { createTestDatabase, testKafkaBrokers, uniqueTopicName, waitUntil, type TestDatabase } from '@underpin/testing';
import { startTelemetry, type TelemetryHandle } from '../src';

const topic = defineTopic<{ 'trace.probe': { id: string } }>({
  name: uniqueTopicName('test.trace'),
  partitions: 1,
  key: 'probe id',
  keyOf: (_type, payload) => payload.id,
  events: {
    'trace.probe': {
      description: 'a probe event',
      versions: { 1: eventSchema.object({ id: eventSchema.string() }) },
    },
  },
});

describe('trace context across the outbox and Kafka', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: TelemetryHandle;
  let db: TestDatabase;
  let pool: Pool;
  let bus: KafkaEventBusService;
  let relay: OutboxRelayService;

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'trace-test', exporters: [exporter] });
    db = await createTestDatabase('trace');
    pool = new Pool({ connectionString: db.url });
    await pool.query(outboxMigrationSql('trace_test'));
    bus = new KafkaEventBusService({ brokers: testKafkaBrokers(), clientId: 'trace-test', logger: silentLogger });
    await bus.ensureTopics([topic]);
    await bus.start();
    relay = new OutboxRelayService({ pool, schema: 'trace_test', publisher: bus, logger: silentLogger });
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await bus?.stop();
    await pool?.end();
    await db?.drop();
    await telemetry?.shutdown();
  }, 30_000);

  it('makes the consumer span a child of the operation that wrote the event', async () => {
    const seen: Array<{ traceId?: string }> = [];
    bus.subscribe({
      topic,
      group: uniqueTopicName('trace-group'),
      handler: async () => void seen.push({ traceId: trace.getActiveSpan()?.spanContext().traceId }),
    });
    const outbox = new OutboxService({ schema: 'trace_test' });
    const producer = await trace.getTracer('test').startActiveSpan('open incident', async (span) => {
      const envelope = createEnvelope(topic, 'trace.probe', { id: 'p-1' }, { source: 'test' }) as EnvelopeOf<typeof topic>;
      await pgTransactional(pool)((tx) => outbox.enqueue(tx, topic, [envelope]));
      span.end();
      return span.spanContext();
    });
    // The relay runs outside the operation, as it does in a service.
    await relay.start();
    await waitUntil('the consumer to handle the event', () => seen.length === 1, { timeoutMs: 60_000 });
    expect(seen[0].traceId).toBe(producer.traceId);
    await waitUntil('the consumer span to be exported', () =>
      exporter.getFinishedSpans().some((s) => s.kind === SpanKind.CONSUMER && s.spanContext().traceId === producer.traceId),
    );
    const consumer = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER && s.spanContext().traceId === producer.traceId)!;
    expect(consumer.parentSpanContext?.spanId ?? (consumer as unknown as { parentSpanId?: string }).parentSpanId).toBe(producer.spanId);
  }, 90_000);
});
