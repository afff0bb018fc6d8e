import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Seconds } from '../catalog/catalog.model';

/** One party's stretch of a handover path: its target, counted on its own calendar. */
export interface PathStep {
  seconds: Seconds;
  calendar: BusinessCalendar;
}

export interface WorstCase {
  /** The longest the whole path can take, counted on the measuring calendar. */
  counted: Seconds;
  /** An instant at which starting the path gives that worst case. */
  startAt: EpochMs;
}

const SECOND = 1_000;
/** No realistic path stalls for longer than this; past it a candidate is ignored. */
const MAX_LOOK_BACK_MS = 120 * 86_400 * SECOND;
/** A path started late in the span hands over after it ends: look that far past it. */
const LOOK_AHEAD_MS = 31 * 86_400 * SECOND;

/** Where the path ends when its first step starts at `start`, using only its first `count` steps. */
function pathEnd(steps: readonly PathStep[], start: EpochMs, count: number): EpochMs {
  let at = start;
  for (let i = 0; i < count; i++) at = steps[i].calendar.addSeconds(at, steps[i].seconds);
  return at;
}

function boundaries(calendar: BusinessCalendar, span: { from: EpochMs; to: EpochMs }) {
  const openings: EpochMs[] = [];
  const closings: EpochMs[] = [];
  for (const stretch of calendar.openIntervals(span.from, span.to)) {
    // Stretches may be split at midnight or at a week's end; only real changes count.
    if (stretch.from > span.from && !calendar.isOpen(stretch.from - 1)) openings.push(stretch.from);
    if (stretch.to < span.to && !calendar.isOpen(stretch.to)) closings.push(stretch.to);
  }
  return { openings, closings };
}

/**
 * The starts, a second apart, on either side of the last one from which the first `count`
 * steps end no later than `boundary`: the path peaks at one of them, either just reaching a
 * calendar as it closes or just missing it (a step that spills a moment past a closing waits
 * for the next opening). Empty when no start within the look-back reaches it.
 */
function startsAround(steps: readonly PathStep[], count: number, boundary: EpochMs): EpochMs[] {
  let prefix = 0;
  for (let i = 0; i < count; i++) prefix += steps[i].seconds;
  // Counted time never outruns wall time, so the path cannot have started any later.
  let high = boundary - prefix * SECOND;
  if (pathEnd(steps, high, count) <= boundary) return [high];
  let reach = 3_600 * SECOND;
  let low = high - reach;
  while (pathEnd(steps, low, count) > boundary) {
    high = low;
    reach *= 2;
    if (reach > MAX_LOOK_BACK_MS) return [];
    low = boundary - prefix * SECOND - reach;
  }
  while (high - low > SECOND) {
    const middle = low + Math.floor((high - low) / 2);
    if (pathEnd(steps, middle, count) <= boundary) low = middle;
    else high = middle;
  }
  return [low, high];
}

/**
 * The worst case of a handover path: each step starts when the previous one ends and takes
 * its target on its own calendar; the whole is counted on `measuredOn` (the calendar of the
 * objective the path underpins).
 *
 * The counted span, as a function of the start instant, only peaks where some step (or the
 * measurement) begins exactly as a calendar closes or a moment after it, or where the
 * measuring calendar opens; so only those starts within `span` are tried, not every instant.
 */
export function worstCasePath(
  steps: readonly PathStep[],
  measuredOn: BusinessCalendar,
  span: { from: EpochMs; to: EpochMs },
): WorstCase {
  const candidates = new Set<EpochMs>([span.from]);
  const measured = boundaries(measuredOn, span);
  for (const opening of measured.openings) candidates.add(opening);

  const extended = { from: span.from, to: span.to + LOOK_AHEAD_MS };
  const closingsOf = new Map<BusinessCalendar, EpochMs[]>();
  for (let i = 0; i <= steps.length; i++) {
    const calendar = i < steps.length ? steps[i].calendar : measuredOn;
    let closings = closingsOf.get(calendar);
    if (!closings) closingsOf.set(calendar, (closings = boundaries(calendar, extended).closings));
    for (const closing of closings) {
      if (i === 0 && closing >= span.to) break;
      for (const start of i === 0 ? [closing] : startsAround(steps, i, closing)) {
        if (start >= span.from && start < span.to) candidates.add(start);
      }
    }
  }

  let worst: WorstCase = { counted: -1, startAt: span.from };
  for (const start of [...candidates].sort((a, b) => a - b)) {
    const counted = measuredOn.countSeconds(start, pathEnd(steps, start, steps.length));
    if (counted > worst.counted) worst = { counted, startAt: start };
  }
  return worst;
}
