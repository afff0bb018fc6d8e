export * from './period-state.type';
export * from './period-state.util';
export {
  addProbe,
  availabilityTerms,
  probeRunCount,
  probeStateOf,
  probeStateProblem,
  type ProbeOutcome,
} from './availability-state.util';
export { availabilityFigure } from './availability-figure.util';
export { sweepAvailability, vantagesOf, type AvailabilitySweep, type RegionStatus, type StatusStretch } from './availability-sweep.util';
export { worseState } from './probe-runs.util';
export {
  addCallSample,
  DEFAULT_INTERVAL_SECONDS,
  histogramPercentile,
  isLossy,
  qualityFigure,
  type QualityOutcome,
  type QualityState,
} from './quality-state.util';
export { BUDGET_STEP_MS, budgetSeries, errorBudgetRatio, windowOf, type BudgetSeries } from './budget-series.util';
export * from './burn-rate.util';
export * from './error-budget.util';
