import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { telemetryConfigFromProcess } from './config/telemetry.config';

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP traces endpoint; defaults to OTEL_EXPORTER_OTLP_ENDPOINT when set. */
  otlpEndpoint?: string;
  /** Print spans to stdout (local debugging). */
  console?: boolean;
  /** Extra exporters, e.g. an in-memory exporter in tests. */
  exporters?: SpanExporter[];
}

export interface TelemetryHandle {
  shutdown(): Promise<void>;
}

let active: { sdk: NodeSDK; services: string[] } | undefined;

/**
 * Starts tracing for HTTP, GraphQL and PostgreSQL. Call it before the application modules
 * are loaded so instrumentations can patch them. Kafka spans are made by the messaging
 * library itself, which carries the W3C trace context in message headers.
 * One SDK per process: in all-in-one mode every service shares it.
 *
 * A tracer provider is registered even when nothing exports: exporting is optional, but
 * correlation is not. Without a provider no span gets a trace id, so no record would carry
 * a traceparent and no log line a trace id.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  if (active) {
    active.services.push(options.serviceName);
    return { shutdown: async () => undefined };
  }
  const processors: SpanProcessor[] = [];
  const endpoint = options.otlpEndpoint ?? telemetryConfigFromProcess().otlpEndpoint;
  if (endpoint) {
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(endpoint) }) }));
  }
  if (options.console) processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
  for (const exporter of options.exporters ?? []) processors.push(new SimpleSpanProcessor({ exporter }));
  // The SDK registers no provider without a processor; this one keeps nothing.
  if (processors.length === 0) processors.push(new NoopSpanProcessor());

  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    // W3C trace context whatever OTEL_PROPAGATORS says: records and logs are correlated by it.
    textMapPropagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    // Traces only. Left unset, the SDK would export logs and metrics over OTLP to localhost by
    // default, and every exit would wait seconds for a collector that is not there.
    logRecordProcessors: [],
    metricReaders: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/health' }),
      // Queries only within a request or an event: a poll loop's (the outbox relay's) would
      // each begin a trace, a cost paid now that spans are always made, and noise in exports.
      new PgInstrumentation({ requireParentSpan: true }),
      new GraphQLInstrumentation({ mergeItems: true }),
    ],
  });
  sdk.start();
  active = { sdk, services: [options.serviceName] };
  return {
    shutdown: async () => {
      const current = active;
      active = undefined;
      await current?.sdk.shutdown();
    },
  };
}

function tracesUrl(endpoint: string): string {
  return endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/$/, '')}/v1/traces`;
}
