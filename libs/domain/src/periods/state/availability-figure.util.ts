import type { BusinessCalendar } from '../../calendar/business-calendar.type';
import type { EpochMs } from '../../catalog/catalog.model';
import { sweepAvailability } from './availability-sweep.util';
import type { AvailabilityFigure, AvailabilityState } from './period-state.type';

/**
 * The availability of a state's stretch, or of its part before `until` (a running period's
 * value so far). Each maximal stretch is counted on the calendar once and the counts are
 * added in time order, so the figure is a function of the region's step function alone:
 * the same whatever order the probes came in, and, with the default terms, the same number
 * to the last bit as the in-order evaluation of before.
 */
export function availabilityFigure(state: AvailabilityState, calendar: BusinessCalendar, until?: EpochMs): AvailabilityFigure {
  const from = state.from;
  const to = until === undefined ? state.to : Math.max(from, Math.min(until, state.to));
  const sweep = sweepAvailability(state, from, to);
  let down = 0;
  let degraded = 0;
  let excluded = 0;
  for (const stretch of sweep.region) {
    const seconds = calendar.countSeconds(stretch.from, stretch.to);
    if (stretch.status === 'down') down += seconds;
    else if (stretch.status === 'degraded') degraded += seconds;
    else excluded += seconds;
  }
  let missing = 0;
  for (const stretches of sweep.missing) {
    let own = 0;
    for (const stretch of stretches) own += calendar.countSeconds(stretch.from, stretch.to);
    missing += own;
  }
  const calendarSeconds = calendar.countSeconds(from, to);
  const measuredSeconds = excluded > 0 ? Math.max(0, calendarSeconds - excluded) : calendarSeconds;
  const weighted = degraded > 0 && state.terms.degradedCounts > 0 ? down + state.terms.degradedCounts * degraded : down;
  const bad = Math.min(weighted, measuredSeconds);
  const vantagePointSeconds = sweep.missing.length * calendarSeconds;
  return {
    metric: 'availability',
    period: state.period,
    from,
    to,
    measured: measuredSeconds > 0 ? 1 - bad / measuredSeconds : 1,
    coverage: missing > 0 && vantagePointSeconds > 0 ? Math.max(0, 1 - missing / vantagePointSeconds) : 1,
    calendarSeconds,
    measuredSeconds,
    downSeconds: Math.min(down, measuredSeconds),
    degradedSeconds: degraded,
    excludedSeconds: excluded,
    missingSeconds: missing,
  };
}
