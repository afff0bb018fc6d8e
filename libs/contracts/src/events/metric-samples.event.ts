import type { CallQualitySample, ProbeSample } from '@underpin/domain';
import { defineTopic } from './event-envelope.model';
import { type Schema, boolean, isoInstant, number, object, optional, string } from './schema.util';

export type WireProbeSample = Omit<ProbeSample, 'type' | 'at'> & { at: string };
export type WireCallQualitySample = Omit<CallQualitySample, 'type' | 'at'> & { at: string };

export interface MetricSamplePayloads {
  probe: WireProbeSample;
  'call.quality': WireCallQualitySample;
}

const probe: Schema<WireProbeSample> = object({ at: isoInstant(), service: string(), region: string(), ok: boolean() });

const callQuality: Schema<WireCallQualitySample> = object({
  at: isoInstant(),
  service: string(),
  region: string(),
  call: string(),
  latencyMs: optional(number({ min: 0 })),
  lossPercent: optional(number({ min: 0, max: 100 })),
  intervalSeconds: optional(number({ exclusiveMin: 0 })),
  mos: optional(number({ min: 1, max: 5 })),
  setupFailed: optional(boolean()),
});

export const METRIC_SAMPLES_TOPIC = defineTopic<MetricSamplePayloads>({
  name: 'metrics.samples.v1',
  partitions: 12,
  key: 'service:region, so the samples of one service in one region stay in order',
  keyOf: (_type, payload) => `${payload.service}:${payload.region}`,
  events: {
    probe: { description: 'a synthetic probe result; it covers the time until the next probe of the same service and region', versions: { 1: probe } },
    'call.quality': { description: 'quality statistics of one interval of one call', versions: { 1: callQuality } },
  },
});

export function metricSampleFromWire(type: 'probe', payload: WireProbeSample): ProbeSample;
export function metricSampleFromWire(type: 'call.quality', payload: WireCallQualitySample): CallQualitySample;
export function metricSampleFromWire(type: keyof MetricSamplePayloads, payload: WireProbeSample | WireCallQualitySample): ProbeSample | CallQualitySample {
  return { ...payload, type, at: Date.parse(payload.at) } as ProbeSample | CallQualitySample;
}
