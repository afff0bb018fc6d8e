import { trace } from '@opentelemetry/api';
import { createEnvelope } from '@underpin/contracts';
import { type SequenceStep, sequenceTopic } from '../../test/support/sequence-topic.util';
import { registerTestTracing } from '../../test/support/test-tracing.util';
import { InProcessEventBusService } from '../in-process/in-process-event-bus.service';
import { OutboxService } from '../outbox/outbox.service';
import type { MessagingLogger } from './messaging-logger.type';
import { currentTraceId, currentTraceparent, traceparentForRecords, withRecordContext, withRootSpan } from './trace.util';

const TRACEPARENT = /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/;
const topic = sequenceTopic('test.trace.v1', 2);

function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent === undefined ? undefined : TRACEPARENT.exec(traceparent)?.[1];
}

/** Runs `work` in an active span, as a request handler runs. */
function inSpan<T>(work: (traceId: string) => T): T {
  return trace.getTracer('test').startActiveSpan('operation', (span) => {
    try {
      return work(span.spanContext().traceId);
    } finally {
      span.end();
    }
  });
}

describe('trace context of records and log lines', () => {
  let unregister: () => Promise<void>;

  beforeAll(() => {
    unregister = registerTestTracing();
  });

  afterAll(async () => {
    await unregister();
  });

  it('names the active trace for log lines, and none outside any', () => {
    expect(currentTraceId()).toBeUndefined();
    inSpan((traceId) => expect(currentTraceId()).toBe(traceId));
  });

  it("stamps records with the active operation's trace, and begins one for records written outside any", () => {
    inSpan((traceId) => expect(traceIdOf(traceparentForRecords(topic.name))).toBe(traceId));
    const first = traceIdOf(traceparentForRecords(topic.name));
    const second = traceIdOf(traceparentForRecords(topic.name));
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
    expect(currentTraceparent()).toBeUndefined();
  });

  it('gives an outbox row written by a timer or a loop a traceparent of its own', async () => {
    const inserted: unknown[][] = [];
    const tx = { query: async (_sql: string, params?: unknown[]) => void inserted.push(params ?? []) };
    await new OutboxService({ schema: 'trace_test', notify: false }).enqueue(tx, topic, [createEnvelope(topic, 'test.step', { key: 'k', seq: 1 }, { source: 'test' })]);
    const [envelopeJson] = inserted[0][3] as string[];
    const [headersJson] = inserted[0][4] as string[];
    const stamped = (JSON.parse(envelopeJson) as { traceparent?: string }).traceparent;
    expect(stamped).toMatch(TRACEPARENT);
    expect(JSON.parse(headersJson)).toEqual({ traceparent: stamped });
  });

  it('runs an operation no request caused in a new trace, even inside another one', async () => {
    const outer = inSpan((traceId) => ({ traceId, root: withRootSpan('boot publication', async () => currentTraceId()) }));
    const rootTrace = await outer.root;
    expect(rootTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(rootTrace).not.toBe(outer.traceId);
  });

  it('runs work in the trace a record arrived with', () => {
    const traceId = 'a'.repeat(32);
    expect(withRecordContext({ traceparent: `00-${traceId}-${'b'.repeat(16)}-01` }, () => currentTraceId())).toBe(traceId);
    expect(withRecordContext({}, () => currentTraceId())).toBeUndefined();
  });

  describe('log lines of delivery', () => {
    type Line = { level: string; message: string; fields?: Record<string, unknown>; trace?: string };
    let lines: Line[];
    let bus: InProcessEventBusService;

    const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields, trace: currentTraceId() });
    const logger: MessagingLogger = { info: capture('info'), warn: capture('warn'), error: capture('error'), debug: capture('debug') };
    const stepFrom = (traceId: string, seq: number) =>
      ({ ...createEnvelope(topic, 'test.step', { key: 'k', seq }, { source: 'test' }), traceparent: `00-${traceId}-${'c'.repeat(16)}-01` }) as ReturnType<typeof createEnvelope<typeof topic, 'test.step'>>;

    beforeEach(() => {
      lines = [];
      bus = new InProcessEventBusService({ topics: [topic], logger });
    });

    afterEach(async () => {
      await bus.stop();
    });

    it('logs each event handled in its own trace, batch or not', async () => {
      const handled: SequenceStep[] = [];
      bus.subscribe({ topic, group: 'batch', batchHandler: async (envelopes) => void handled.push(...envelopes.map((e) => e.payload)) });
      await bus.start();
      const traces = ['1'.repeat(32), '2'.repeat(32), '3'.repeat(32)];
      await bus.publish(topic, traces.map((traceId, i) => stepFrom(traceId, i + 1)));
      expect(handled).toHaveLength(3);
      const debug = lines.filter((line) => line.message === 'event handled');
      expect(debug.map((line) => [line.fields?.['key'], line.trace])).toEqual(traces.map((traceId) => ['k', traceId]));
    });

    it("logs a handler's failure and the dead letter in the failed event's trace", async () => {
      bus.subscribe({ topic, group: 'failing', retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 }, handler: async () => Promise.reject(new Error('refused')) });
      await bus.start();
      const traceId = '4'.repeat(32);
      await bus.publish(topic, [stepFrom(traceId, 1)]);
      const failures = lines.filter((line) => line.level !== 'debug');
      expect(failures.map((line) => [line.message, line.trace])).toEqual([
        ['event handler failed', traceId],
        ['event handler failed', traceId],
        ['event sent to dead-letter topic after its retries', traceId],
      ]);
    });
  });
});
