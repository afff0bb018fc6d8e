import type { BusinessCalendar } from '../../calendar/business-calendar.type';
import type { EpochMs, ObjectiveSpec, Ratio } from '../../catalog/catalog.model';
import { InvalidPeriodInputException } from '../invalid-period-input.exception';
import { sweepAvailability } from './availability-sweep.util';
import type { AvailabilityState, PeriodState } from './period-state.type';

/** Budgets and burn rates are read on whole UTC minutes. */
export const BUDGET_STEP_MS = 60_000;

/**
 * What an objective's error budget is spent on, minute by minute, as running totals from
 * `origin` to each whole minute `origin + k × 1 min`: for availability the down and degraded
 * counted milliseconds over the measured ones; for lossy intervals lossy over all call
 * milliseconds; for call setups failed over all calls. Integers, so every window's figure is
 * exact whatever the order the totals were built in.
 */
export interface BudgetSeries {
  origin: EpochMs;
  down: Float64Array;
  degraded: Float64Array;
  total: Float64Array;
  /** Share of a degraded millisecond that counts as down. */
  degradedCounts: Ratio;
}

/** The share of the measured that the objective allows to be bad. */
export function errorBudgetRatio(objective: ObjectiveSpec): Ratio {
  if (objective.metric === 'availability') return Math.max(0, 1 - objective.target.value);
  if (objective.metric === 'lossy_interval_ratio' || objective.metric === 'call_setup_failure_ratio') return objective.target.value;
  throw new InvalidPeriodInputException(`objectives.${objective.id}.metric`, `"${objective.metric}" has no error budget (only availability and ratio objectives do)`);
}

const floorStep = (at: EpochMs) => Math.floor(at / BUDGET_STEP_MS) * BUDGET_STEP_MS;

/** The series from the earliest state's start to `to` (states of one objective and scope, any periods). */
export function budgetSeries(states: readonly PeriodState[], to: EpochMs, calendar?: BusinessCalendar): BudgetSeries {
  const sorted = [...states].sort((a, b) => a.from - b.from);
  const origin = floorStep(sorted.length ? Math.min(sorted[0].from, to) : to);
  const cells = Math.max(0, Math.ceil((to - origin) / BUDGET_STEP_MS));
  const series: BudgetSeries = {
    origin,
    down: new Float64Array(cells + 1),
    degraded: new Float64Array(cells + 1),
    total: new Float64Array(cells + 1),
    degradedCounts: 0,
  };
  for (let i = 0; i < sorted.length; i++) {
    const state = sorted[i];
    if (i > 0 && state.from < sorted[i - 1].to) throw new InvalidPeriodInputException('states', `periods ${sorted[i - 1].period} and ${state.period} overlap`);
    const end = Math.min(state.to, to);
    if (!(end > state.from)) continue;
    if (state.metric === 'availability') {
      if (!calendar) throw new InvalidPeriodInputException('calendar', 'availability is counted on the objective\'s calendar; none was given');
      series.degradedCounts = state.terms.degradedCounts;
      addAvailability(series, state, end, calendar);
    } else if (state.metric === 'lossy_interval_ratio') {
      for (const minute of Object.keys(state.minutes)) {
        const at = Number(minute) * BUDGET_STEP_MS;
        if (at >= end) continue;
        const cell = cellOf(series, at);
        series.down[cell] += state.minutes[minute][0];
        series.total[cell] += state.minutes[minute][1];
      }
    } else if (state.metric === 'call_setup_failure_ratio') {
      for (const call of Object.keys(state.calls)) {
        const [at, failed] = state.calls[call];
        if (at >= end) continue;
        const cell = cellOf(series, at);
        series.down[cell] += failed;
        series.total[cell] += 1;
      }
    } else {
      throw new InvalidPeriodInputException('states', `${state.metric} has no error budget (only availability and ratio objectives do)`);
    }
  }
  for (let k = 1; k <= cells; k++) {
    series.down[k] += series.down[k - 1];
    series.degraded[k] += series.degraded[k - 1];
    series.total[k] += series.total[k - 1];
  }
  return series;
}

/** Cell k holds what happened in [origin + (k − 1) min, origin + k min). */
function cellOf(series: BudgetSeries, at: EpochMs): number {
  return Math.floor((at - series.origin) / BUDGET_STEP_MS) + 1;
}

/** Adds the counted milliseconds of [from, to) to the cells, split at each minute. */
function spread(cells: Float64Array, series: BudgetSeries, from: EpochMs, to: EpochMs, sign: number): void {
  let at = from;
  while (at < to) {
    const cell = cellOf(series, at);
    const cellEnd = series.origin + cell * BUDGET_STEP_MS;
    const stop = cellEnd < to ? cellEnd : to;
    cells[cell] += sign * (stop - at);
    at = stop;
  }
}

function addAvailability(series: BudgetSeries, state: AvailabilityState, end: EpochMs, calendar: BusinessCalendar): void {
  const open = calendar.openIntervals(state.from, end);
  const counted = (from: EpochMs, to: EpochMs, visit: (a: EpochMs, b: EpochMs) => void) => {
    // The open intervals are in order; a binary search finds the first that may overlap.
    let lo = 0;
    let hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (open[mid].to <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < open.length && open[i].from < to; i++) {
      const a = Math.max(open[i].from, from);
      const b = Math.min(open[i].to, to);
      if (b > a) visit(a, b);
    }
  };
  for (const interval of open) spread(series.total, series, interval.from, interval.to, 1);
  for (const stretch of sweepAvailability(state, state.from, end).region) {
    if (stretch.status === 'down') counted(stretch.from, stretch.to, (a, b) => spread(series.down, series, a, b, 1));
    else if (stretch.status === 'degraded') counted(stretch.from, stretch.to, (a, b) => spread(series.degraded, series, a, b, 1));
    else counted(stretch.from, stretch.to, (a, b) => spread(series.total, series, a, b, -1));
  }
}

/** The bad share and the measured amount over [from, to) (whole minutes, clipped to the series). */
export function windowOf(series: BudgetSeries, from: EpochMs, to: EpochMs): { bad: number; total: number } {
  const last = series.total.length - 1;
  const index = (at: EpochMs) => Math.max(0, Math.min(last, Math.round((at - series.origin) / BUDGET_STEP_MS)));
  const i = index(from);
  const j = index(to);
  const down = series.down[j] - series.down[i];
  const degraded = series.degraded[j] - series.degraded[i];
  const bad = degraded > 0 && series.degradedCounts > 0 ? down + series.degradedCounts * degraded : down;
  return { bad, total: series.total[j] - series.total[i] };
}
