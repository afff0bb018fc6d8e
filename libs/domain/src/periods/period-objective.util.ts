import type { Metric, ObjectiveSpec, Target } from '../catalog/catalog.model';
import { PERIOD_METRICS } from '../catalog/catalog.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';

const LATENCY = /^latency_p(\d+(?:\.\d+)?)$/;

/** The percentile a `latency_pNN` metric asks for (95 for latency_p95); undefined for other metrics. */
export function latencyPercentileOf(metric: Metric): number | undefined {
  const match = LATENCY.exec(metric);
  if (!match) return undefined;
  const p = Number(match[1]);
  if (p <= 0 || p > 100) throw new InvalidPeriodInputException('metric', `"${metric}" asks for a percentile outside (0, 100]`);
  return p;
}

/** Metrics measured over a month or quarter (as opposed to per-incident clocks). */
export function isPeriodMetric(metric: Metric): boolean {
  return (PERIOD_METRICS as readonly string[]).includes(metric) || LATENCY.test(metric);
}

function expectedUnit(metric: Metric): Target['unit'] {
  if (metric === 'mos_avg') return 'score';
  if (LATENCY.test(metric)) return 'milliseconds';
  return 'ratio';
}

/** Two computations of one figure (1 − 4.32/8640 vs 0.9995) may differ in the last bits. */
export function objectiveTolerance(target: number): number {
  return 1e-12 * Math.max(1, Math.abs(target));
}

/**
 * A measured figure in the units of reports: ratios as percentages, latency in ms, MOS as a
 * score. Rounded to 10 decimals so 0.9995 prints as 99.95, not 99.95000000000002.
 */
export function toReportUnits(unit: Target['unit'], measured: number): number {
  const value = unit === 'ratio' ? measured * 100 : measured;
  return Number(value.toFixed(10));
}

export interface PeriodObjectiveOutcome {
  /** In the objective's own units: a ratio, milliseconds or a score. */
  measured: number;
  /** `measured` in report units (percentages for ratios). */
  value: number;
  /** The target in report units. */
  target: number;
  direction: ObjectiveSpec['direction'];
  met: boolean;
}

/**
 * Whether one period's figure meets its objective: `atLeast` objectives (availability,
 * MOS) need value ≥ target, `atMost` ones (latency, lossy intervals, failed setups) value ≤
 * target; a figure equal to the target up to rounding counts as on target.
 */
export function evaluatePeriodObjective(objective: ObjectiveSpec, measured: number): PeriodObjectiveOutcome {
  if (!isPeriodMetric(objective.metric)) {
    throw new InvalidPeriodInputException(
      `objectives.${objective.id}.metric`,
      `"${objective.metric}" is measured per incident, not per period`,
    );
  }
  const unit = expectedUnit(objective.metric);
  if (objective.target.unit !== unit) {
    throw new InvalidPeriodInputException(
      `objectives.${objective.id}.target`,
      `${objective.metric} needs a target in ${unit}, got ${objective.target.unit}`,
    );
  }
  if (!Number.isFinite(measured)) {
    throw new InvalidPeriodInputException(`objectives.${objective.id}.value`, `expected a finite number, got ${measured}`);
  }
  const target = objective.target.value;
  const slack = objectiveTolerance(target);
  const met = objective.direction === 'atLeast' ? measured >= target - slack : measured <= target + slack;
  return {
    measured,
    value: toReportUnits(unit, measured),
    target: toReportUnits(unit, target),
    direction: objective.direction,
    met,
  };
}
