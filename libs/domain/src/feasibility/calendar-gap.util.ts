import { calendarLabel, type CheckContext } from './feasibility-context.type';
import { calendarCoverage } from './calendar-coverage.util';
import { formatDate, formatHours, formatPercent } from './feasibility-format.util';
import type { Finding } from './finding.type';

/** Less than a minute a year is rounding of zone changes, not a gap anyone can act on. */
const NEGLIGIBLE_SECONDS = 60;

/**
 * An underpinning objective whose calendar is closed while the objective's own calendar is
 * open leaves those hours without anyone committed to them (an office-hours OLA under a
 * 24/7 SLA). Calendars are compared by their open time over a whole year, so holidays and
 * daylight-saving changes count.
 */
export function checkCalendarGaps(context: CheckContext): Finding[] {
  const { agreement, objective, calendars, span } = context;
  const findings: Finding[] = [];
  const required = calendars(objective.calendar);
  for (const underpinning of context.underpinnings) {
    if (underpinning.objective.calendar === objective.calendar) continue;
    const coverage = calendarCoverage(required, calendars(underpinning.objective.calendar), span);
    if (coverage.uncovered <= NEGLIGIBLE_SECONDS) continue;
    const share = coverage.required > 0 ? coverage.uncovered / coverage.required : 0;
    findings.push({
      agreement: agreement.id,
      objective: objective.id,
      kind: 'calendar-gap',
      detail:
        `${underpinning.ref} counts on ${calendarLabel(underpinning.objective)} ` +
        `(${formatHours(coverage.offered)} open between ${formatDate(span.from)} and ${formatDate(span.to)}) ` +
        `while ${agreement.id}/${objective.id} counts on ${calendarLabel(objective)} (${formatHours(coverage.required)}): ` +
        `${formatHours(coverage.uncovered)} (${formatPercent(share, 1)}) of the objective's time is outside the underpinning calendar`,
    });
  }
  return findings;
}
