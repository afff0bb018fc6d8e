import type { EpochMs, Metric, MissingDataRule, Ratio, Seconds } from '../../catalog/catalog.model';
import type { ProbeState } from '../../catalog/events.model';
import type { PeriodKey } from '../period.type';

/**
 * The state of one period objective for one region (or all regions pooled) and one period,
 * as plain JSON: `JSON.parse(JSON.stringify(state))` is the same state. Samples may be added
 * in any order and any batches; the figure depends only on which samples were added.
 */
export type PeriodState = AvailabilityState | LatencyState | LossState | MosState | SetupFailureState;

/** Bumped when the layout changes, so a stored state of another layout is recognised. */
export const PERIOD_STATE_FORMAT = 1 as const;

export interface PeriodStateBase {
  format: typeof PERIOD_STATE_FORMAT;
  service: string;
  /** Null for an objective over all regions pooled. */
  region: string | null;
  period: PeriodKey;
  /** The measured stretch: the period clipped to the agreement's effective range. */
  from: EpochMs;
  to: EpochMs;
}

/** The key of the implicit vantage point: probes that carry no `vantage`. */
export const IMPLICIT_VANTAGE = '';

/**
 * Probes of one vantage point in one state, one after the other:
 *  - `every` 0: a single probe at `from` (= `last`);
 *  - `every` > 0: a probe at each of `from`, `from + every`, …, `last`, and no other;
 *  - `every` null (settled): probes somewhere from `from` to `last`, never further apart than
 *    the missing-data limit; their instants were let go to keep the state small.
 */
export interface ProbeRun {
  from: EpochMs;
  last: EpochMs;
  every: number | null;
  state: ProbeState;
}

/** A vantage point's latest probe before the period: the state the period starts in. */
export interface CarriedProbe {
  at: EpochMs;
  state: ProbeState;
}

export interface VantageTimeline {
  carryIn: CarriedProbe | null;
  /** In time order, spans apart: each run's `last` is before the next one's `from`. */
  runs: ProbeRun[];
}

/** The objective's measurement-integrity terms with their defaults applied. */
export interface AvailabilityTerms {
  /** Null: every vantage point counts. */
  measuredFrom: string[] | null;
  quorum: number;
  missingData: MissingDataRule | null;
  degradedCounts: Ratio;
}

export interface AvailabilityState extends PeriodStateBase {
  metric: 'availability';
  terms: AvailabilityTerms;
  /** Per vantage point id (IMPLICIT_VANTAGE for probes without one). */
  vantages: Record<string, VantageTimeline>;
}

export interface LatencyState extends PeriodStateBase {
  metric: `latency_p${number}`;
  percentile: number;
  /** How many samples had each latency (ms, the number as sent, as its JS string). */
  counts: Record<string, number>;
  samples: number;
}

/** [lossy milliseconds, all milliseconds] of call time in one minute. */
export type LossMinute = [number, number];

export interface LossState extends PeriodStateBase {
  metric: 'lossy_interval_ratio';
  lossAbove: Ratio;
  lossyMs: number;
  totalMs: number;
  intervals: number;
  /** Per UTC minute (epoch minutes), for windows shorter than the period. */
  minutes: Record<string, LossMinute>;
}

export interface MosState extends PeriodStateBase {
  metric: 'mos_avg';
  /** Sum of the scores in millionths, an integer, so no order of addition rounds differently. */
  sumMicro: number;
  samples: number;
}

/** [earliest instant a setup flag was seen, 1 if any sample said the setup failed]. */
export type CallSetup = [EpochMs, 0 | 1];

export interface SetupFailureState extends PeriodStateBase {
  metric: 'call_setup_failure_ratio';
  /** Per call id. */
  calls: Record<string, CallSetup>;
}

/** What a batch of samples did to a state. */
export interface SampleOutcome {
  /** Samples that changed the figure or could have (duplicates included). */
  counted: number;
  /** Samples this state does not measure: another metric's field, another vantage point, after the period. */
  ignored: number;
  /** Samples that are wrong, or cannot be placed exactly (inside a settled stretch). */
  refused: Array<{ index: number; reason: string }>;
}

export interface AvailabilityFigure {
  metric: 'availability';
  period: PeriodKey;
  /** The stretch measured: the state's, ended at `until` when one was given. */
  from: EpochMs;
  to: EpochMs;
  /** 1 − (down + degradedCounts × degraded) / measured; 1 when nothing was measured. */
  measured: Ratio;
  /** Share of the counted time the vantage points had data (averaged over them); 1 without missingData. */
  coverage: Ratio;
  /** Counted calendar time, maintenance out, before missing data was excluded. */
  calendarSeconds: Seconds;
  /** calendarSeconds less the excluded gaps: the denominator. */
  measuredSeconds: Seconds;
  downSeconds: Seconds;
  degradedSeconds: Seconds;
  excludedSeconds: Seconds;
  /** Vantage-point seconds without data (summed over the vantage points). */
  missingSeconds: Seconds;
}

export interface QualityFigure {
  metric: Exclude<Metric, 'availability'>;
  period: PeriodKey;
  from: EpochMs;
  to: EpochMs;
  /** In the objective's unit (ms, a ratio, a score); null when no sample carried the field. */
  measured: number | null;
  /** Samples the figure rests on (calls, for call setups). */
  samples: number;
  /** Call figures count samples, not time: nothing is held until the next sample, so nothing is missing. */
  coverage: 1;
}

export type PeriodFigure = AvailabilityFigure | QualityFigure;
