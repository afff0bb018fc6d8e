export type {
  BacktestCredit,
  BacktestExitTrigger,
  BacktestIncident,
  BacktestInput,
  BacktestPeriod,
  BacktestResult,
  BacktestSegment,
} from './backtest.type';
export { BacktestInputException, type BacktestProblem } from './backtest-input.exception';
export { runBacktest } from './run-backtest.util';
export { AvailabilitySeries, type AvailabilitySeriesOptions } from './availability-series.util';
export { ObjectiveCalendars } from './objective-calendars.util';
