import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';

/**
 * What a service process has once telemetry is started, minus the exporters: a tracer
 * provider and W3C propagation. The context follows synchronous calls only. Returns the undo.
 */
export function registerTestTracing(): () => Promise<void> {
  const provider = new TracerProvider();
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new StackContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return async () => {
    trace.disable();
    context.disable();
    propagation.disable();
    await provider.shutdown();
  };
}
