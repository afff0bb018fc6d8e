import type { EpochMs } from '../../catalog/catalog.model';
import { BUDGET_STEP_MS, budgetSeries, errorBudgetRatio, windowOf } from './budget-series.util';
import { rollingWindowOf, type BurnRateInput } from './burn-rate.util';

export interface BudgetLeft {
  /** Counted seconds for availability, seconds of call time for lossy intervals, calls for call setups. */
  unit: 'seconds' | 'calls';
  /** The window the budget is of. */
  from: EpochMs;
  to: EpochMs;
  /** What the objective allows to be bad in the window. */
  allowed: number;
  /** What was bad in it so far. */
  consumed: number;
  /** allowed − consumed: negative once the budget is overspent. */
  remaining: number;
  /** remaining / allowed; null when the objective allows nothing bad. */
  remainingRatio: number | null;
}

export interface ErrorBudget {
  /** The calendar period holding `at` (null when no state holds it). */
  period: BudgetLeft | null;
  /** The rolling window ending at the last whole minute by `at`. */
  rolling: BudgetLeft;
}

/**
 * The error budget left at `at`, on the calendar period and on the rolling window. For
 * availability the budget is (1 − target) of the measured time, the whole period's for the
 * calendar one (it is known in advance, less the gaps excluded so far); for a ratio it is the
 * target's share of what was measured so far, so it grows with the traffic.
 */
export function errorBudget(input: BurnRateInput & { at: EpochMs }): ErrorBudget {
  const { objective, states, calendar } = input;
  const at = Math.floor(input.at / BUDGET_STEP_MS) * BUDGET_STEP_MS;
  const ratio = errorBudgetRatio(objective);
  const series = budgetSeries(states, at, calendar);
  const unit = objective.metric === 'call_setup_failure_ratio' ? 'calls' : 'seconds';
  const scale = unit === 'calls' ? 1 : 1000;
  const left = (from: EpochMs, to: EpochMs, allowedMeasure?: number): BudgetLeft => {
    const { bad, total } = windowOf(series, from, to);
    const allowed = (ratio * (allowedMeasure ?? total)) / scale;
    const consumed = bad / scale;
    const remaining = allowed - consumed;
    return { unit, from, to, allowed, consumed, remaining, remainingRatio: allowed > 0 ? remaining / allowed : null };
  };
  const holding = states.find((state) => state.from <= input.at && input.at < state.to);
  let period: BudgetLeft | null = null;
  if (holding) {
    const start = Math.floor(holding.from / BUDGET_STEP_MS) * BUDGET_STEP_MS;
    if (holding.metric === 'availability' && calendar) {
      // The measured time of the whole period: its calendar time less the gaps excluded so far.
      const sofar = windowOf(series, start, at).total;
      const elapsed = Math.round(calendar.countSeconds(holding.from, Math.max(holding.from, at)) * 1000);
      const whole = Math.round(calendar.countSeconds(holding.from, holding.to) * 1000) - (elapsed - sofar);
      period = { ...left(start, at, whole), from: holding.from, to: holding.to };
    } else {
      period = { ...left(start, at), from: holding.from, to: holding.to };
    }
  }
  const rollingMs = rollingWindowOf(objective) * 1000;
  return { period, rolling: left(at - rollingMs, at) };
}
