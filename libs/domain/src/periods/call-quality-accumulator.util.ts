import type { EpochMs, ObjectiveSpec } from '../catalog/catalog.model';
import type { CallQualitySample } from '../catalog/events.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import type { PeriodKey } from './period.type';
import { PeriodCursor } from './period.util';
import { addCallSample, callSampleFieldOf, createQualityState, qualityFigure, type QualityState } from './state/quality-state.util';

export { DEFAULT_LOSS_ABOVE } from './state/quality-state.util';

export interface QualityPeriodResult {
  /** Null for an objective that is not per region (all regions pooled). */
  region: string | null;
  period: PeriodKey;
  /** In the objective's units: ms for latency, a ratio, or a MOS score. */
  measured: number;
  /** Samples (or, for call setups, calls) the figure rests on. */
  samples: number;
}

export interface CallQualityAccumulatorOptions {
  objective: ObjectiveSpec;
  /** Zone of the agreement's periods. */
  timezone: string;
  /** Samples outside `[from, to)` are ignored when a range is given. */
  from?: EpochMs;
  to?: EpochMs;
}

/**
 * One call-quality objective over a stream of samples, per region and period, each group a
 * period state: `latency_pNN` (exact nearest rank), `lossy_interval_ratio` (the share of call
 * time in intervals whose loss exceeds `lossAbove`), `mos_avg`, and `call_setup_failure_ratio`
 * (calls with a failed setup over calls that reported their setup; a call counts once per
 * group however many samples carry its setup flag). Samples that lack the metric's field are
 * skipped. Samples may come in any order.
 */
export class CallQualityAccumulator {
  private readonly cursor: PeriodCursor;
  private readonly groups = new Map<string, QualityState>();
  private readonly field: keyof CallQualitySample;
  private readonly from: EpochMs;
  private readonly to: EpochMs;

  constructor(private readonly options: CallQualityAccumulatorOptions) {
    const { objective } = options;
    this.field = callSampleFieldOf(objective);
    this.cursor = new PeriodCursor(objective.window, options.timezone);
    this.from = options.from ?? -Infinity;
    this.to = options.to ?? Infinity;
  }

  add(sample: CallQualitySample): void {
    if (sample.at < this.from || sample.at >= this.to) return;
    if (sample[this.field] === undefined) return;
    if (!Number.isFinite(sample.at)) throw new InvalidPeriodInputException('at', `expected epoch milliseconds, got ${sample.at}`);
    const region = this.options.objective.perRegion ? sample.region : null;
    const period = this.cursor.periodAt(sample.at);
    const key = `${period.key}\u0000${region ?? ''}`;
    let state = this.groups.get(key);
    if (!state) {
      state = createQualityState(this.options.objective, { service: sample.service, region, period: period.key, from: period.from, to: period.to });
      this.groups.set(key, state);
    }
    const outcome = addCallSample(state, sample);
    if (typeof outcome === 'object') {
      const colon = outcome.refused.indexOf(': ');
      throw new InvalidPeriodInputException(outcome.refused.slice(0, colon), outcome.refused.slice(colon + 2));
    }
  }

  /** Every region × period that received samples, ordered by period then region. */
  results(): QualityPeriodResult[] {
    const out: QualityPeriodResult[] = [];
    for (const state of this.groups.values()) {
      const figure = qualityFigure(state);
      out.push({ region: state.region, period: state.period, measured: figure.measured as number, samples: figure.samples });
    }
    return out.sort((a, b) =>
      a.period === b.period ? (a.region ?? '').localeCompare(b.region ?? '') : a.period < b.period ? -1 : 1,
    );
  }

  /** The group states, for a caller that keeps or compares them. */
  states(): QualityState[] {
    return [...this.groups.values()];
  }
}
