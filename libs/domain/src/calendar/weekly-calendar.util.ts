import type { EpochMs, Seconds } from '../catalog/catalog.model';
import type { BusinessCalendar } from './business-calendar.type';
import type { CalendarWeek, CalendarWeekBuilder } from './calendar-week.util';
import { MS_PER_DAY, MS_PER_WEEK } from './civil-date.util';
import { lastIntervalStartingBy, secondsToWholeMs } from './interval.util';
import { MAX_SUPPORTED_EPOCH_MS, MIN_SUPPORTED_EPOCH_MS } from './time-zone.util';

/** Weeks one calendar may hold resolved at once (about 1 150 years). */
const MAX_CACHED_WEEKS = 60_000;
/** Empty weeks in a row, past every holiday and one-off window, after which nothing opens again. */
const EMPTY_WEEKS_MEANING_NEVER = 60;
/** addSeconds looks this far ahead (about a century) before answering "never". */
const ADD_HORIZON_WEEKS = 5_300;

/**
 * A calendar resolved lazily, one local week at a time, into a contiguous run of cached
 * weeks that carry running totals. After a week is resolved once, locating an instant costs
 * O(1) and a binary search over that week's few stretches, so counting across months costs
 * the same as counting across minutes.
 */
export class WeeklyCalendar implements BusinessCalendar {
  /** Weeks base, base + 1, … */
  private readonly ahead: CalendarWeek[] = [];
  /** Weeks base − 1, base − 2, … */
  private readonly behind: CalendarWeek[] = [];
  private base = 0;

  constructor(
    readonly id: string,
    private readonly builder: CalendarWeekBuilder,
    /** After this instant only the weekly pattern (and DST) varies. */
    private readonly lastIrregularAt: EpochMs,
  ) {}

  countSeconds(from: EpochMs, to: EpochMs): Seconds {
    checkInstant(from, 'from');
    checkInstant(to, 'to');
    if (!(to > from)) return 0;
    return (this.openBefore(to) - this.openBefore(from)) / 1000;
  }

  /**
   * Results are whole milliseconds when `from` is: the counted time is rounded up to the
   * millisecond. Returns +Infinity when the count is not reached within about a century
   * (a calendar that never opens again, or maintenance that covers all of it).
   */
  addSeconds(from: EpochMs, seconds: Seconds): EpochMs {
    checkInstant(from, 'from');
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`seconds must be a finite number >= 0, got ${seconds}`);
    }
    if (seconds === 0) return from;
    const needed = secondsToWholeMs(seconds);
    const first = this.locate(from);
    const target = first.cumulativeBefore + openWithin(first, from) + needed;
    const week = this.weekReaching(first, target);
    if (!week) return Number.POSITIVE_INFINITY;
    const rest = target - week.cumulativeBefore;
    const prefix = week.prefix;
    // First stretch i whose end reaches the rest: prefix[i + 1] >= rest.
    let lo = 0;
    let hi = prefix.length - 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefix[mid + 1] >= rest) hi = mid;
      else lo = mid + 1;
    }
    return week.bounds[2 * lo] + (rest - prefix[lo]);
  }

  isOpen(at: EpochMs): boolean {
    checkInstant(at, 'at');
    const week = this.locate(at);
    const i = lastIntervalStartingBy(week.bounds, at);
    return i >= 0 && at < week.bounds[2 * i + 1];
  }

  openIntervals(from: EpochMs, to: EpochMs): Array<{ from: EpochMs; to: EpochMs }> {
    checkInstant(from, 'from');
    checkInstant(to, 'to');
    const out: Array<{ from: EpochMs; to: EpochMs }> = [];
    if (!(to > from)) return out;
    for (let week = this.locate(from); week.start < to; week = this.week(week.index + 1)) {
      const bounds = week.bounds;
      for (let i = 0; i < bounds.length; i += 2) {
        const start = Math.max(bounds[i], from);
        const end = Math.min(bounds[i + 1], to);
        if (end <= start) continue;
        const last = out[out.length - 1];
        if (last && last.to === start) last.to = end;
        else out.push({ from: start, to: end });
      }
    }
    return out;
  }

  /** Open milliseconds before an instant, on the running total of the cached weeks. */
  private openBefore(at: EpochMs): number {
    const week = this.locate(at);
    return week.cumulativeBefore + openWithin(week, at);
  }

  private locate(at: EpochMs): CalendarWeek {
    // The local week is the UTC week or a neighbour, since zone offsets stay under a day.
    const week = this.week(Math.floor((at + 3 * MS_PER_DAY) / MS_PER_WEEK));
    if (at < week.start) return this.week(week.index - 1);
    if (at >= week.end) return this.week(week.index + 1);
    return week;
  }

  /** The first week at whose end the running total reaches `target`, if any. */
  private weekReaching(from: CalendarWeek, target: number): CalendarWeek | undefined {
    if (from.cumulativeBefore + from.total >= target) return from;
    const last = this.ahead[this.ahead.length - 1];
    if (last.cumulativeBefore + last.total >= target) {
      let lo = from.index + 1;
      let hi = last.index;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const week = this.week(mid);
        if (week.cumulativeBefore + week.total >= target) hi = mid;
        else lo = mid + 1;
      }
      return this.week(lo);
    }
    let emptyRun = 0;
    for (let index = last.index + 1; index <= from.index + ADD_HORIZON_WEEKS; index++) {
      const week = this.week(index);
      if (week.cumulativeBefore + week.total >= target) return week;
      emptyRun = week.total > 0 ? 0 : emptyRun + 1;
      if (emptyRun > EMPTY_WEEKS_MEANING_NEVER && week.start > this.lastIrregularAt) return undefined;
    }
    return undefined;
  }

  private week(index: number): CalendarWeek {
    if (this.ahead.length === 0) {
      this.base = index;
      this.ahead.push(this.builder.build(index));
    }
    const offset = index - this.base;
    if (offset >= 0) {
      if (offset >= this.ahead.length) this.extendAhead(offset);
      return this.ahead[offset];
    }
    const back = -offset - 1;
    if (back >= this.behind.length) this.extendBehind(back);
    return this.behind[back];
  }

  private extendAhead(offset: number): void {
    this.checkCacheSize(offset + 1 + this.behind.length);
    while (this.ahead.length <= offset) {
      const previous = this.ahead[this.ahead.length - 1];
      const week = this.builder.build(this.base + this.ahead.length);
      week.cumulativeBefore = previous.cumulativeBefore + previous.total;
      this.ahead.push(week);
    }
  }

  private extendBehind(back: number): void {
    this.checkCacheSize(this.ahead.length + back + 1);
    while (this.behind.length <= back) {
      const next = this.behind.length > 0 ? this.behind[this.behind.length - 1] : this.ahead[0];
      const week = this.builder.build(this.base - this.behind.length - 1);
      week.cumulativeBefore = next.cumulativeBefore - week.total;
      this.behind.push(week);
    }
  }

  private checkCacheSize(weeks: number): void {
    if (weeks > MAX_CACHED_WEEKS) {
      throw new RangeError(
        `calendar "${this.id}": instants more than ${MAX_CACHED_WEEKS} weeks apart are not supported`,
      );
    }
  }
}

/** Open milliseconds of a week before an instant inside it. */
function openWithin(week: CalendarWeek, at: EpochMs): number {
  const i = lastIntervalStartingBy(week.bounds, at);
  if (i < 0) return 0;
  const end = week.bounds[2 * i + 1];
  return at < end ? week.prefix[i] + (at - week.bounds[2 * i]) : week.prefix[i + 1];
}

function checkInstant(at: EpochMs, name: string): void {
  if (!(at >= MIN_SUPPORTED_EPOCH_MS && at <= MAX_SUPPORTED_EPOCH_MS)) {
    throw new RangeError(`${name} must be an instant between years 1000 and 9999 (epoch ms), got ${at}`);
  }
}
