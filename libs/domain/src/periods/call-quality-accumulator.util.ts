import type { EpochMs, ObjectiveSpec } from '../catalog/catalog.model';
import type { CallQualitySample } from '../catalog/events.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import type { PeriodKey } from './period.type';
import { PeriodCursor } from './period.util';
import { latencyPercentileOf } from './period-objective.util';
import { MeanAccumulator, PercentileAccumulator, RatioAccumulator } from './percentile.util';

/** The spec's default: a 10-second interval is lossy above 2 % loss. */
export const DEFAULT_LOSS_ABOVE = 0.02;

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

interface Group {
  region: string | null;
  period: PeriodKey;
}

/**
 * One call-quality objective over a stream of samples, per region and period:
 * `latency_pNN` (exact nearest rank), `lossy_interval_ratio` (intervals whose loss exceeds
 * `lossAbove` over all intervals), `mos_avg`, and `call_setup_failure_ratio` (calls with a
 * failed setup over calls that reported their setup; a call counts once per group however
 * many samples carry its setup flag). Samples that lack the metric's field are skipped.
 */
export class CallQualityAccumulator {
  private readonly cursor: PeriodCursor;
  private readonly groups = new Map<string, Group>();
  private readonly percentiles = new PercentileAccumulator();
  private readonly ratios = new RatioAccumulator();
  private readonly means = new MeanAccumulator();
  private readonly setups = new Map<string, Map<string, boolean>>();
  private readonly percentile: number | undefined;
  private readonly lossAbovePercent: number;
  private readonly from: EpochMs;
  private readonly to: EpochMs;

  constructor(private readonly options: CallQualityAccumulatorOptions) {
    const { objective } = options;
    this.percentile = latencyPercentileOf(objective.metric);
    const supported = ['lossy_interval_ratio', 'mos_avg', 'call_setup_failure_ratio'];
    if (this.percentile === undefined && !supported.includes(objective.metric)) {
      throw new InvalidPeriodInputException(
        `objectives.${objective.id}.metric`,
        `"${objective.metric}" is not measured from call-quality samples`,
      );
    }
    this.cursor = new PeriodCursor(objective.window, options.timezone);
    this.lossAbovePercent = (objective.lossAbove ?? DEFAULT_LOSS_ABOVE) * 100;
    this.from = options.from ?? -Infinity;
    this.to = options.to ?? Infinity;
  }

  add(sample: CallQualitySample): void {
    if (sample.at < this.from || sample.at >= this.to) return;
    const metric = this.options.objective.metric;
    const value = this.valueOf(sample);
    if (value === undefined) return;
    if (!Number.isFinite(sample.at)) throw new InvalidPeriodInputException('at', `expected epoch milliseconds, got ${sample.at}`);
    const region = this.options.objective.perRegion ? sample.region : null;
    const period = this.cursor.periodAt(sample.at).key;
    const key = `${period}\u0000${region ?? ''}`;
    if (!this.groups.has(key)) this.groups.set(key, { region, period });
    if (this.percentile !== undefined) this.percentiles.add(key, value);
    else if (metric === 'mos_avg') this.means.add(key, value);
    else if (metric === 'lossy_interval_ratio') this.ratios.add(key, value > this.lossAbovePercent + 1e-9);
    else {
      let calls = this.setups.get(key);
      if (!calls) {
        calls = new Map();
        this.setups.set(key, calls);
      }
      calls.set(sample.call, calls.get(sample.call) === true || value === 1);
    }
  }

  /** Every region × period that received samples, ordered by period then region. */
  results(): QualityPeriodResult[] {
    const out: QualityPeriodResult[] = [];
    for (const [key, group] of this.groups) {
      const figure = this.figureOf(key);
      out.push({ ...group, ...figure });
    }
    return out.sort((a, b) =>
      a.period === b.period ? (a.region ?? '').localeCompare(b.region ?? '') : a.period < b.period ? -1 : 1,
    );
  }

  private valueOf(sample: CallQualitySample): number | undefined {
    const metric = this.options.objective.metric;
    if (this.percentile !== undefined) return sample.latencyMs;
    if (metric === 'mos_avg') return sample.mos;
    if (metric === 'lossy_interval_ratio') return sample.lossPercent;
    return sample.setupFailed === undefined ? undefined : sample.setupFailed ? 1 : 0;
  }

  private figureOf(key: string): { measured: number; samples: number } {
    const metric = this.options.objective.metric;
    if (this.percentile !== undefined) {
      return { measured: this.percentiles.percentile(key, this.percentile) as number, samples: this.percentiles.count(key) };
    }
    if (metric === 'mos_avg') return { measured: this.means.mean(key) as number, samples: this.means.count(key) };
    if (metric === 'lossy_interval_ratio') return { measured: this.ratios.ratio(key) as number, samples: this.ratios.count(key) };
    const calls = this.setups.get(key) as Map<string, boolean>;
    let failed = 0;
    for (const f of calls.values()) if (f) failed++;
    return { measured: failed / calls.size, samples: calls.size };
  }
}
