import { type Attributes, type Context, type Link, ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';

type Carrier = Record<string, string>;

const setter = { set: (carrier: Carrier, key: string, value: string) => void (carrier[key] = value) };
const getter = { keys: (carrier: Carrier) => Object.keys(carrier), get: (carrier: Carrier, key: string) => carrier[key] };

const MAX_LINKS = 64;

/** The W3C traceparent of the active context, when a propagator and a span are active. */
export function currentTraceparent(): string | undefined {
  const carrier: Carrier = {};
  propagation.inject(context.active(), carrier, setter);
  return carrier['traceparent'];
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
  const tracer = trace.getTracer('@underpin/messaging');
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes, links }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
