import { context, propagation, trace } from '@opentelemetry/api';
import { startTelemetry, type TelemetryHandle } from './telemetry.util';

describe(startTelemetry.name, () => {
  let telemetry: TelemetryHandle;
  const propagators = process.env['OTEL_PROPAGATORS'];

  beforeAll(() => {
    // Nothing exports, and the environment asks for no propagation: W3C trace context still flows.
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    process.env['OTEL_PROPAGATORS'] = 'none';
    telemetry = startTelemetry({ serviceName: 'telemetry-spec' });
  });

  afterAll(async () => {
    await telemetry.shutdown();
    if (propagators === undefined) delete process.env['OTEL_PROPAGATORS'];
    else process.env['OTEL_PROPAGATORS'] = propagators;
  });

  it('gives spans trace ids with no exporter configured', () => {
    const span = trace.getTracer('spec').startSpan('operation');
    span.end();
    expect(span.spanContext().traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
  });

  it('propagates the active span as a W3C traceparent', () => {
    const carrier: Record<string, string> = {};
    const { traceId, spanId } = trace.getTracer('spec').startActiveSpan('operation', (span) => {
      propagation.inject(context.active(), carrier);
      span.end();
      return span.spanContext();
    });
    expect(carrier['traceparent']).toBe(`00-${traceId}-${spanId}-01`);
  });
});
