import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Seconds } from '../catalog/catalog.model';

export interface Coverage {
  /** Open time of the calendar that has to be covered. */
  required: Seconds;
  /** Open time of the covering calendar. */
  offered: Seconds;
  /** Time open in the first but closed in the second. */
  uncovered: Seconds;
}

/** How much of `required`'s open time over `span` the calendar `offered` is also open. */
export function calendarCoverage(
  required: BusinessCalendar,
  offered: BusinessCalendar,
  span: { from: EpochMs; to: EpochMs },
): Coverage {
  const needed = required.openIntervals(span.from, span.to);
  const given = offered.openIntervals(span.from, span.to);
  let requiredMs = 0;
  let offeredMs = 0;
  let overlapMs = 0;
  for (const stretch of needed) requiredMs += stretch.to - stretch.from;
  for (const stretch of given) offeredMs += stretch.to - stretch.from;
  // Both lists are ordered and disjoint, so one merge pass finds every overlap.
  let j = 0;
  for (const stretch of needed) {
    while (j < given.length && given[j].to <= stretch.from) j++;
    for (let k = j; k < given.length && given[k].from < stretch.to; k++) {
      overlapMs += Math.min(stretch.to, given[k].to) - Math.max(stretch.from, given[k].from);
    }
  }
  return { required: requiredMs / 1_000, offered: offeredMs / 1_000, uncovered: (requiredMs - overlapMs) / 1_000 };
}
