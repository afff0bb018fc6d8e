import { type Attributes, type Context, type Link, type Span, ROOT_CONTEXT, SpanKind, SpanStatusCode, context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';

type Carrier = Record<string, string>;

const setter = { set: (carrier: Carrier, key: string, value: string) => void (carrier[key] = value) };
const getter = { keys: (carrier: Carrier) => Object.keys(carrier), get: (carrier: Carrier, key: string) => carrier[key] };

const MAX_LINKS = 64;
const TRACER = '@underpin/messaging';

function traceparentOf(ctx: Context): string | undefined {
  const carrier: Carrier = {};
  propagation.inject(ctx, carrier, setter);
  return carrier['traceparent'];
}

/** The W3C traceparent of the active context, when a propagator and a span are active. */
export function currentTraceparent(): string | undefined {
  return traceparentOf(context.active());
}

/** The trace id of the active context, for log lines; undefined outside any trace. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * The traceparent to stamp on records written now: the active operation's, else that of a
 * new trace begun for them (a timer or a loop writes outside any request), so that every
 * record can be followed to its consumers. Undefined only without a tracer provider.
 */
export function traceparentForRecords(topic: string): string | undefined {
  const active = currentTraceparent();
  if (active !== undefined) return active;
  const span = trace.getTracer(TRACER).startSpan(`${topic} create`, { kind: SpanKind.PRODUCER, root: true, attributes: { 'messaging.destination.name': topic } });
  span.end();
  return traceparentOf(trace.setSpan(ROOT_CONTEXT, span));
}

/**
 * Trace headers for a record. The envelope's own traceparent wins: it is the operation that
 * caused the event (an outbox row is relayed long after, outside that operation). Without
 * it, the active context is injected. Without an SDK nothing is injected, but an envelope's
 * traceparent is still carried, so traces join up in whichever process has one.
 */
export function traceHeaders(envelopeTraceparent: string | undefined): Carrier {
  const carrier: Carrier = {};
  if (envelopeTraceparent !== undefined) {
    carrier['traceparent'] = envelopeTraceparent;
    return carrier;
  }
  propagation.inject(context.active(), carrier, setter);
  return carrier;
}

function extract(headers: Carrier): Context {
  return headers['traceparent'] === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers, getter);
}

/** Runs `work` in the trace context a record arrived with, e.g. to log about that record. */
export function withRecordContext<T>(headers: Carrier, work: () => T): T {
  return headers['traceparent'] === undefined ? work() : context.with(extract(headers), work);
}

async function endingSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `work` in a new trace under a root span named `name`: for an operation that no request
 * or event caused (what a service publishes at boot), so its records and log lines share a
 * trace id of their own.
 */
export function withRootSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { root: true }, ROOT_CONTEXT, (span) => endingSpan(span, work));
}

/**
 * Runs `work` inside a consumer span whose parent is the first record's trace context; the
 * other records of a batch are linked, so every producer's trace leads to this span.
 */
export async function withConsumerSpan<T>(name: string, headersOfRecords: Carrier[], attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = headersOfRecords;
  const parent = first === undefined ? ROOT_CONTEXT : extract(first);
  const links: Link[] = [];
  for (const headers of rest.slice(0, MAX_LINKS)) {
    const spanContext = headers['traceparent'] === undefined ? undefined : trace.getSpanContext(extract(headers));
    if (spanContext) links.push({ context: spanContext });
  }
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes, links }, parent, (span) => endingSpan(span, work));
}
