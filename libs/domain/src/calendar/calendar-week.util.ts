import type { EpochMs } from '../catalog/catalog.model';
import { MS_PER_DAY, MS_PER_MINUTE, weekdayOfDays } from './civil-date.util';
import { appendInterval, subtractIntervals, unionIntervals } from './interval.util';
import type { ZoneOffsets } from './time-zone.util';

/**
 * Opening minutes per weekday (index 0 = Monday) as flat `[start, end, …]` lists in local
 * minutes, ascending and disjoint; an end of 1440 is the next midnight.
 */
export type WeeklyPattern = ReadonlyArray<readonly number[]>;

/** One local week (Monday 00:00 to the next Monday 00:00) of a calendar, resolved to instants. */
export interface CalendarWeek {
  /** floor((local day number + 3) / 7): consecutive weeks have consecutive indexes. */
  readonly index: number;
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** Open stretches as flat `[from, to, …]` instants, joined where they touch. */
  readonly bounds: number[];
  /** prefix[i] = open milliseconds of the week before stretch i; prefix[n] = total. */
  readonly prefix: number[];
  readonly total: number;
  /** Open milliseconds of all weeks before this one, relative to the first week cached. */
  cumulativeBefore: number;
}

/** Time taken out of a calendar's open stretches (maintenance windows). */
export interface ExclusionSource {
  /** Normalised excluded stretches intersecting [start, end), clipped to it. */
  intervalsIn(start: EpochMs, end: EpochMs): number[];
  /** After this instant nothing but the weekly pattern varies (no one-off windows left). */
  readonly lastIrregularAt: EpochMs;
}

export interface WeeklyExclusion {
  zone: ZoneOffsets;
  pattern: WeeklyPattern;
}

export class MaintenanceExclusions implements ExclusionSource {
  /** One-off windows, normalised. */
  private readonly oneOff: number[];
  readonly lastIrregularAt: EpochMs;

  constructor(
    private readonly weekly: readonly WeeklyExclusion[],
    oneOffWindows: number[],
  ) {
    this.oneOff = unionIntervals(oneOffWindows);
    this.lastIrregularAt = this.oneOff.length > 0 ? this.oneOff[this.oneOff.length - 1] : -Infinity;
  }

  intervalsIn(start: EpochMs, end: EpochMs): number[] {
    const raw: number[] = [];
    for (const { zone, pattern } of this.weekly) {
      // A day further on each side covers zones that change their clocks around midnight.
      const firstDay = Math.floor((start + zone.offsetAt(start)) / MS_PER_DAY) - 1;
      const lastDay = Math.floor((end + zone.offsetAt(end)) / MS_PER_DAY) + 1;
      for (let day = firstDay; day <= lastDay; day++) {
        const minutes = pattern[weekdayOfDays(day)];
        for (let j = 0; j < minutes.length; j += 2) {
          const from = zone.wallToEpoch(day * MS_PER_DAY + minutes[j] * MS_PER_MINUTE);
          const to = zone.wallToEpoch(day * MS_PER_DAY + minutes[j + 1] * MS_PER_MINUTE);
          if (to > start && from < end) raw.push(Math.max(from, start), Math.min(to, end));
        }
      }
    }
    const windows = this.oneOff;
    let lo = 0;
    let hi = windows.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (windows[2 * mid + 1] <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = 2 * lo; i < windows.length && windows[i] < end; i += 2) {
      raw.push(Math.max(windows[i], start), Math.min(windows[i + 1], end));
    }
    return unionIntervals(raw);
  }
}

export class CalendarWeekBuilder {
  constructor(
    private readonly zone: ZoneOffsets,
    private readonly pattern: WeeklyPattern,
    private readonly holidays: ReadonlySet<number>,
    private readonly exclusions?: ExclusionSource,
  ) {}

  build(index: number): CalendarWeek {
    const zone = this.zone;
    const monday = 7 * index - 3;
    const start = zone.wallToEpoch(monday * MS_PER_DAY);
    const end = zone.wallToEpoch((monday + 7) * MS_PER_DAY);
    let bounds: number[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      const day = monday + weekday;
      if (this.holidays.has(day)) continue;
      const minutes = this.pattern[weekday];
      const midnight = day * MS_PER_DAY;
      for (let j = 0; j < minutes.length; j += 2) {
        appendInterval(
          bounds,
          zone.wallToEpoch(midnight + minutes[j] * MS_PER_MINUTE),
          zone.wallToEpoch(midnight + minutes[j + 1] * MS_PER_MINUTE),
        );
      }
    }
    if (this.exclusions && bounds.length > 0) {
      bounds = subtractIntervals(bounds, this.exclusions.intervalsIn(start, end));
    }
    const prefix = [0];
    let total = 0;
    for (let i = 0; i < bounds.length; i += 2) {
      total += bounds[i + 1] - bounds[i];
      prefix.push(total);
    }
    return { index, start, end, bounds, prefix, total, cumulativeBefore: 0 };
  }
}
