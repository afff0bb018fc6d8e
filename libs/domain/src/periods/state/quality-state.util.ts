import type { ObjectiveSpec, Ratio } from '../../catalog/catalog.model';
import type { CallQualitySample } from '../../catalog/events.model';
import { InvalidPeriodInputException } from '../invalid-period-input.exception';
import { nearestRankOf } from '../percentile.util';
import { latencyPercentileOf } from '../period-objective.util';
import { ownValue, setOwn } from './own-keys.util';
import {
  PERIOD_STATE_FORMAT,
  type LatencyState,
  type LossState,
  type MosState,
  type PeriodStateBase,
  type QualityFigure,
  type SetupFailureState,
} from './period-state.type';

/** The spec's default: a 10-second interval is lossy above 2 % loss. */
export const DEFAULT_LOSS_ABOVE = 0.02;
/** An interval that does not say how long it was is taken to be the spec's 10 seconds. */
export const DEFAULT_INTERVAL_SECONDS = 10;
const MINUTE_MS = 60_000;
const MICRO = 1_000_000;

export type QualityState = LatencyState | LossState | MosState | SetupFailureState;
type Base = Omit<PeriodStateBase, 'format'>;

/** The sample field a call-quality objective is measured from; throws for a metric that is not. */
export function callSampleFieldOf(objective: ObjectiveSpec): 'latencyMs' | 'lossPercent' | 'mos' | 'setupFailed' {
  if (latencyPercentileOf(objective.metric) !== undefined) return 'latencyMs';
  if (objective.metric === 'lossy_interval_ratio') return 'lossPercent';
  if (objective.metric === 'mos_avg') return 'mos';
  if (objective.metric === 'call_setup_failure_ratio') return 'setupFailed';
  throw new InvalidPeriodInputException(`objectives.${objective.id}.metric`, `"${objective.metric}" is not measured from call-quality samples`);
}

export function createQualityState(objective: ObjectiveSpec, base: Base): QualityState {
  callSampleFieldOf(objective);
  const head = { format: PERIOD_STATE_FORMAT, ...base };
  const percentile = latencyPercentileOf(objective.metric);
  if (percentile !== undefined) return { ...head, metric: objective.metric as LatencyState['metric'], percentile, counts: {}, samples: 0 };
  switch (objective.metric) {
    case 'lossy_interval_ratio':
      return { ...head, metric: 'lossy_interval_ratio', lossAbove: objective.lossAbove ?? DEFAULT_LOSS_ABOVE, lossyMs: 0, totalMs: 0, intervals: 0, minutes: {} };
    case 'mos_avg':
      return { ...head, metric: 'mos_avg', sumMicro: 0, samples: 0 };
    case 'call_setup_failure_ratio':
      return { ...head, metric: 'call_setup_failure_ratio', calls: {} };
    default:
      throw new InvalidPeriodInputException(`objectives.${objective.id}.metric`, `"${objective.metric}" is not measured from call-quality samples`);
  }
}

export type QualityOutcome = 'counted' | 'ignored' | { refused: string };

const finite = Number.isFinite;

function refusal(field: string, value: unknown, expected: string): QualityOutcome {
  return { refused: `${field}: expected ${expected}, got ${String(value)}` };
}

/** Whether an interval's loss (a percentage) makes it lossy: the comparison the backtest always made. */
export function isLossy(lossPercent: number, lossAbove: Ratio): boolean {
  return lossPercent > lossAbove * 100 + 1e-9;
}

/** Adds one call-quality sample; one without the metric's field, or from the stretch's end on, is ignored. */
export function addCallSample(state: QualityState, sample: CallQualitySample): QualityOutcome {
  const at = sample.at;
  if (typeof at !== 'number' || !finite(at)) return refusal('at', at, 'epoch milliseconds');
  if (sample.service !== state.service) return { refused: `service: the state measures ${state.service}, got ${String(sample.service)}` };
  if (state.region !== null && sample.region !== state.region) return { refused: `region: the state measures ${state.region}, got ${String(sample.region)}` };
  if (at < state.from || at >= state.to) return 'ignored';
  switch (state.metric) {
    case 'lossy_interval_ratio': {
      const loss = sample.lossPercent;
      if (loss === undefined) return 'ignored';
      if (typeof loss !== 'number' || !finite(loss)) return refusal('lossPercent', loss, 'a percentage');
      const seconds = sample.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
      const ms = typeof seconds === 'number' ? Math.round(seconds * 1000) : NaN;
      if (!(ms >= 1) || !finite(ms)) return refusal('intervalSeconds', seconds, 'a length of at least a millisecond');
      const lossy = isLossy(loss, state.lossAbove) ? ms : 0;
      state.lossyMs += lossy;
      state.totalMs += ms;
      state.intervals++;
      const minute = String(Math.floor(at / MINUTE_MS));
      const bucket = state.minutes[minute];
      if (bucket) {
        bucket[0] += lossy;
        bucket[1] += ms;
      } else state.minutes[minute] = [lossy, ms];
      return 'counted';
    }
    case 'mos_avg': {
      const mos = sample.mos;
      if (mos === undefined) return 'ignored';
      if (typeof mos !== 'number' || !finite(mos)) return refusal('mos', mos, 'a score');
      state.sumMicro += Math.round(mos * MICRO);
      state.samples++;
      return 'counted';
    }
    case 'call_setup_failure_ratio': {
      const failed = sample.setupFailed;
      if (failed === undefined) return 'ignored';
      if (typeof failed !== 'boolean') return refusal('setupFailed', failed, 'true or false');
      if (typeof sample.call !== 'string') return refusal('call', sample.call, 'a call id');
      addSetup(state, sample.call, [at, failed ? 1 : 0]);
      return 'counted';
    }
    default: {
      const latency = sample.latencyMs;
      if (latency === undefined) return 'ignored';
      if (typeof latency !== 'number' || !finite(latency)) return refusal('latencyMs', latency, 'milliseconds');
      const key = String(latency);
      state.counts[key] = (state.counts[key] ?? 0) + 1;
      state.samples++;
      return 'counted';
    }
  }
}

/** A call counts once: at the first instant its setup was reported, failed if any sample said so. */
function addSetup(state: SetupFailureState, call: string, setup: readonly [number, 0 | 1]): void {
  const held = ownValue(state.calls, call);
  if (held === undefined) setOwn(state.calls, call, [setup[0], setup[1]]);
  else {
    if (setup[0] < held[0]) held[0] = setup[0];
    if (setup[1] === 1) held[1] = 1;
  }
}

/** Adds what `other` holds to `into` (same objective, scope and period). */
export function mergeQualityStates(into: QualityState, other: QualityState): void {
  if (into.metric !== other.metric) throw new InvalidPeriodInputException('metric', `cannot merge ${other.metric} into ${into.metric}`);
  if (into.metric === 'lossy_interval_ratio') {
    const o = other as LossState;
    into.lossyMs += o.lossyMs;
    into.totalMs += o.totalMs;
    into.intervals += o.intervals;
    for (const minute of Object.keys(o.minutes)) {
      const bucket = into.minutes[minute];
      if (bucket) {
        bucket[0] += o.minutes[minute][0];
        bucket[1] += o.minutes[minute][1];
      } else into.minutes[minute] = [o.minutes[minute][0], o.minutes[minute][1]];
    }
  } else if (into.metric === 'mos_avg') {
    const o = other as MosState;
    into.sumMicro += o.sumMicro;
    into.samples += o.samples;
  } else if (into.metric === 'call_setup_failure_ratio') {
    const o = other as SetupFailureState;
    for (const call of Object.keys(o.calls)) addSetup(into, call, o.calls[call]);
  } else {
    const o = other as LatencyState;
    for (const value of Object.keys(o.counts)) into.counts[value] = (into.counts[value] ?? 0) + o.counts[value];
    into.samples += o.samples;
  }
}

/** The exact nearest-rank percentile over the counts: the value nearestRank picks from the samples sorted. */
export function histogramPercentile(counts: Readonly<Record<string, number>>, samples: number, p: number): number | undefined {
  const rank = nearestRankOf(samples, p);
  if (samples === 0) return undefined;
  const values = Object.keys(counts)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const value of values) {
    seen += counts[String(value)];
    if (seen >= rank) return value;
  }
  return values[values.length - 1];
}

export function qualityFigure(state: QualityState): QualityFigure {
  const head = { period: state.period, from: state.from, to: state.to, coverage: 1 as const };
  switch (state.metric) {
    case 'lossy_interval_ratio':
      return { ...head, metric: state.metric, measured: state.totalMs > 0 ? state.lossyMs / state.totalMs : null, samples: state.intervals };
    case 'mos_avg':
      return { ...head, metric: state.metric, measured: state.samples > 0 ? state.sumMicro / (state.samples * MICRO) : null, samples: state.samples };
    case 'call_setup_failure_ratio': {
      let failed = 0;
      let calls = 0;
      for (const call of Object.keys(state.calls)) {
        calls++;
        failed += state.calls[call][1];
      }
      return { ...head, metric: state.metric, measured: calls > 0 ? failed / calls : null, samples: calls };
    }
    default:
      return { ...head, metric: state.metric, measured: histogramPercentile(state.counts, state.samples, state.percentile) ?? null, samples: state.samples };
  }
}
