import type { AgreementSpec, Catalog, EpochMs, ObjectiveSpec, Ratio } from '../catalog/catalog.model';
import type { CallQualitySample, ProbeSample } from '../catalog/events.model';
import { CallQualityAccumulator } from '../periods/call-quality-accumulator.util';
import { evaluatePeriodObjective, isPeriodMetric } from '../periods/period-objective.util';
import type { PeriodKey } from '../periods/period.type';
import { periodFromKey } from '../periods/period.util';
import { availabilityTerms } from '../periods/state/availability-state.util';
import { agreementRange } from './agreement-range.util';
import { AvailabilitySeries } from './availability-series.util';
import type { ObjectiveCalendars } from './objective-calendars.util';

/** One objective's figure for one region and period, with what credits and triggers need. */
export interface PeriodOutcome {
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
  region: string | null;
  period: PeriodKey;
  /** In the objective's own units (a ratio, ms, a score). */
  measured: number;
  /** In report units: percentages for ratios. */
  value: number;
  target: number;
  met: boolean;
  /** Where the period starts and ends (clipped to the measured range). */
  from: EpochMs;
  to: EpochMs;
  /** Share of the measured time with data; 1 unless the objective has a missingData rule. */
  coverage: Ratio;
}

interface AvailabilityTarget {
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
  order: number;
  byRegion: Map<string, AvailabilitySeries>;
  newSeries: () => AvailabilitySeries;
}

interface QualityTarget {
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
  order: number;
  accumulator: CallQualityAccumulator;
}

/**
 * Routes probes and call-quality samples to the period objectives of every agreement on
 * their service. Nothing per sample is kept: each lands in a streaming accumulator.
 */
export class PeriodCollector {
  private readonly availability = new Map<string, AvailabilityTarget[]>();
  private readonly quality = new Map<string, QualityTarget[]>();
  private readonly lastProbeAt = new Map<string, EpochMs>();

  constructor(catalog: Catalog, calendars: ObjectiveCalendars, range: { from?: EpochMs; to?: EpochMs }) {
    let order = 0;
    for (const agreement of catalog.agreements) {
      if (!agreement.service) continue;
      const { lower, upper } = agreementRange(agreement, range);
      if (!(lower < upper)) continue;
      for (const objective of agreement.objectives) {
        order++;
        if (!isPeriodMetric(objective.metric)) continue;
        if (objective.metric === 'availability') {
          const options = {
            calendar: calendars.of(objective),
            window: objective.window,
            timezone: agreement.timezone,
            lower,
            upper,
            fromLower: range.from !== undefined,
            terms: availabilityTerms(objective),
          };
          const target = { agreement, objective, order, byRegion: new Map(), newSeries: () => new AvailabilitySeries(options) };
          push(this.availability, agreement.service, target);
        } else {
          const accumulator = new CallQualityAccumulator({
            objective,
            timezone: agreement.timezone,
            from: Number.isFinite(lower) ? lower : undefined,
            to: Number.isFinite(upper) ? upper : undefined,
          });
          push(this.quality, agreement.service, { agreement, objective, order, accumulator });
        }
      }
    }
  }

  /** Returns why the probe cannot be used, or undefined once it is counted. */
  addProbe(probe: ProbeSample): string | undefined {
    const stream = `${probe.service}\u0000${probe.region}`;
    const previous = this.lastProbeAt.get(stream);
    if (previous !== undefined && probe.at < previous) {
      return `probe of ${probe.service} in ${probe.region} is earlier than the one before it: probes of one service and region must come in time order`;
    }
    this.lastProbeAt.set(stream, probe.at);
    const targets = this.availability.get(probe.service);
    if (!targets) return undefined;
    for (const target of targets) {
      let series = target.byRegion.get(probe.region);
      if (!series) {
        series = target.newSeries();
        target.byRegion.set(probe.region, series);
      }
      series.addProbe(probe);
    }
    return undefined;
  }

  addCallSample(sample: CallQualitySample): void {
    const targets = this.quality.get(sample.service);
    if (!targets) return;
    for (const target of targets) target.accumulator.add(sample);
  }

  /**
   * Every measured period, in catalogue order of agreement and objective, then by period and
   * region. `lastInstant` is the last instant the backtest covers: availability periods run
   * up to the one that holds it.
   */
  outcomes(lastInstant: EpochMs): PeriodOutcome[] {
    const rows: Array<PeriodOutcome & { order: number }> = [];
    for (const targets of this.availability.values()) {
      for (const { agreement, objective, order, byRegion } of targets) {
        for (const [region, series] of byRegion) {
          for (const result of series.results(lastInstant)) {
            rows.push({
              ...figure(agreement, objective, result.value),
              order,
              region,
              period: result.period,
              from: result.from,
              to: result.to,
              coverage: result.coverage,
            });
          }
        }
      }
    }
    for (const targets of this.quality.values()) {
      for (const { agreement, objective, order, accumulator } of targets) {
        for (const result of accumulator.results()) {
          const bounds = periodFromKey(result.period, agreement.timezone);
          rows.push({
            ...figure(agreement, objective, result.measured),
            order,
            region: result.region,
            period: result.period,
            from: bounds.from,
            to: bounds.to,
            coverage: 1,
          });
        }
      }
    }
    rows.sort(
      (a, b) =>
        a.order - b.order || compare(a.period, b.period) || compare(a.region ?? '', b.region ?? ''),
    );
    return rows.map(({ order: _order, ...row }) => row);
  }
}

function figure(agreement: AgreementSpec, objective: ObjectiveSpec, measured: number) {
  const outcome = evaluatePeriodObjective(objective, measured);
  return { agreement, objective, measured, value: outcome.value, target: outcome.target, met: outcome.met };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
