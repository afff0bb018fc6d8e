import type { CallQualitySample, ProbeSample, ProbeState } from '@underpin/domain';
import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN } from '../ids/entity-id.constant';
import { defineTopic } from './event-envelope.model';
import { type Schema, type TextRule, type ValidationIssue, array, boolean, isoInstant, literal, number, object, optional, string } from './schema.util';

/** What a probe saw, in the domain's words: `degraded` is neither up nor down (see `degradedCounts`). */
export const PROBE_STATES = ['up', 'down', 'degraded'] as const satisfies readonly ProbeState[];

const id = (maxLength: number): TextRule => ({ maxLength, pattern: ENTITY_ID_PATTERN, patternName: ENTITY_ID_DESCRIPTION });

/**
 * The limits of the text fields of a sample. Service, region and vantage point are ids of the
 * catalogue (and the service and region make the Kafka key); a call id is the sender's, so
 * only its length is bounded.
 */
export const METRIC_SAMPLE_FIELD_RULES = {
  service: id(200),
  region: id(200),
  vantage: id(200),
  call: { maxLength: 200 },
} as const satisfies Record<string, TextRule>;

export interface WireProbeSample {
  at: string;
  service: string;
  region: string;
  /** `ok` or `state` (or both, when they agree: `ok` is false exactly when the state is `down`). */
  ok?: boolean;
  state?: ProbeState;
  /** Where it was measured from; absent, the implicit vantage point of the service and region. */
  vantage?: string;
}

export type WireCallQualitySample = Omit<CallQualitySample, 'type' | 'at'> & { at: string };

/** A probe inside a batch: its service and region are the batch's. */
export type BatchedProbe = Omit<WireProbeSample, 'service' | 'region'>;
export type BatchedCall = Omit<WireCallQualitySample, 'service' | 'region'>;

/** Samples of one service × region, in the order they were sent. */
export interface WireSampleBatch {
  service: string;
  region: string;
  /** The id of the API key the samples were sent with. */
  sentBy: string;
  probes: BatchedProbe[];
  calls: BatchedCall[];
}

export interface MetricSamplePayloads {
  probe: WireProbeSample;
  'call.quality': WireCallQualitySample;
  'samples.batch': WireSampleBatch;
}

/** Samples one `samples.batch` carries at most: with every field at its limit, a record stays well under Kafka's 1 MB. */
export const MAX_SAMPLES_PER_BATCH = 1000;

const text = (field: keyof typeof METRIC_SAMPLE_FIELD_RULES) => string(METRIC_SAMPLE_FIELD_RULES[field]);

function checkProbeState(value: { ok?: boolean; state?: ProbeState }, path: string, issues: ValidationIssue[]): void {
  const at = (field: string) => (path === '' ? field : `${path}.${field}`);
  if (value.ok === undefined && value.state === undefined) {
    issues.push({ path: at('ok'), message: `is required unless state is given (one of ${PROBE_STATES.join(', ')})` });
  } else if (value.ok !== undefined && value.state !== undefined && value.ok !== (value.state !== 'down')) {
    issues.push({ path: at('ok'), message: `contradicts state "${value.state}": ok is false exactly when the state is down` });
  }
}

const where = { service: text('service'), region: text('region') };

const probeFields = {
  at: isoInstant(),
  ok: optional(boolean()),
  state: optional(literal(...PROBE_STATES)),
  vantage: optional(text('vantage')),
};

const callFields = {
  at: isoInstant(),
  call: text('call'),
  latencyMs: optional(number({ min: 0 })),
  lossPercent: optional(number({ min: 0, max: 100 })),
  intervalSeconds: optional(number({ exclusiveMin: 0 })),
  mos: optional(number({ min: 1, max: 5 })),
  setupFailed: optional(boolean()),
};

const probe: Schema<WireProbeSample> = object({ ...where, ...probeFields }, checkProbeState);
const callQuality: Schema<WireCallQualitySample> = object({ ...where, ...callFields });
const batchedProbe: Schema<BatchedProbe> = object(probeFields, checkProbeState);
const batchedCall: Schema<BatchedCall> = object(callFields);

const sampleBatch: Schema<WireSampleBatch> = object(
  {
    ...where,
    sentBy: string({ maxLength: 200 }),
    probes: array(batchedProbe, { maxLength: MAX_SAMPLES_PER_BATCH }),
    calls: array(batchedCall, { maxLength: MAX_SAMPLES_PER_BATCH }),
  },
  (value, path, issues) => {
    const count = value.probes.length + value.calls.length;
    if (count === 0) issues.push({ path: `${path}.probes`, message: 'a batch carries at least one probe or call' });
    if (count > MAX_SAMPLES_PER_BATCH) issues.push({ path: `${path}.calls`, message: `a batch carries at most ${MAX_SAMPLES_PER_BATCH} samples, got ${count}` });
  },
);

export type MetricSampleType = 'probe' | 'call.quality';

/** A sample as senders write it (the events of the spec's JSON Lines): its schema, `type` aside. */
export const METRIC_SAMPLE_SCHEMAS: { readonly [T in MetricSampleType]: Schema<MetricSamplePayloads[T]> } = { probe, 'call.quality': callQuality };

/** The fields each sample type may carry besides `type`; any other is a mistake of the sender. */
export const METRIC_SAMPLE_FIELDS: { readonly [T in MetricSampleType]: readonly string[] } = {
  probe: Object.keys({ ...where, ...probeFields }),
  'call.quality': Object.keys({ ...where, ...callFields }),
};

export const METRIC_SAMPLES_TOPIC = defineTopic<MetricSamplePayloads>({
  name: 'metrics.samples.v1',
  partitions: 12,
  key: 'service:region, so the samples of one service in one region stay in order',
  keyOf: (_type, payload) => `${payload.service}:${payload.region}`,
  events: {
    probe: { description: 'a synthetic probe result; it covers the time until the next probe of the same service, region and vantage point', versions: { 1: probe } },
    'call.quality': { description: 'quality statistics of one interval of one call', versions: { 1: callQuality } },
    'samples.batch': {
      description: `up to ${MAX_SAMPLES_PER_BATCH} probes and calls of one service × region as metrics-ingestion accepted them, each kind in the order sent`,
      versions: { 1: sampleBatch },
    },
  },
});

function probeFromWire(payload: BatchedProbe, service: string, region: string): ProbeSample {
  // As the domain has it: ok is false exactly when the state is down (a degraded probe is ok).
  const ok = payload.ok ?? payload.state !== 'down';
  return { ...payload, type: 'probe', at: Date.parse(payload.at), service, region, ok };
}

function callFromWire(payload: BatchedCall, service: string, region: string): CallQualitySample {
  return { ...payload, type: 'call.quality', at: Date.parse(payload.at), service, region };
}

export function metricSampleFromWire(type: 'probe', payload: WireProbeSample): ProbeSample;
export function metricSampleFromWire(type: 'call.quality', payload: WireCallQualitySample): CallQualitySample;
export function metricSampleFromWire(type: MetricSampleType, payload: WireProbeSample | WireCallQualitySample): ProbeSample | CallQualitySample {
  const { service, region, ...rest } = payload;
  return type === 'probe' ? probeFromWire(rest as BatchedProbe, service, region) : callFromWire(rest as BatchedCall, service, region);
}

/** The domain's samples a `samples.batch` carries, each kind in the order sent. */
export function sampleBatchFromWire(batch: WireSampleBatch): { probes: ProbeSample[]; calls: CallQualitySample[] } {
  return {
    probes: batch.probes.map((p) => probeFromWire(p, batch.service, batch.region)),
    calls: batch.calls.map((c) => callFromWire(c, batch.service, batch.region)),
  };
}
