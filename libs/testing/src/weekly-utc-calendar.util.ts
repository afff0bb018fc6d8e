import type { BusinessCalendar, EpochMs, Seconds } from '@underpin/domain';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const WEEK = 7 * DAY;
/** 1970-01-05, a Monday, 00:00 UTC. */
const MONDAY = 4 * DAY;

/** `[day (0 = Monday), 'HH:MM-HH:MM']` */
export type WeeklyOpening = [number, string];

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * A test calendar in UTC (no DST): weekly openings plus absolute exclusions (maintenance).
 * Deliberately naive where speed does not matter, so the code under test does not lean on
 * the production calendar's cleverness.
 */
export class WeeklyUtcCalendar implements BusinessCalendar {
  readonly id = 'weekly-utc';
  private readonly open: Array<[number, number]>;
  private readonly weekOpenMs: number;

  constructor(
    openings: WeeklyOpening[],
    private readonly exclusions: Array<{ from: EpochMs; to: EpochMs }> = [],
  ) {
    this.open = openings
      .map(([day, range]): [number, number] => {
        const [a, b] = range.split('-');
        return [day * DAY + minutes(a) * MINUTE, day * DAY + minutes(b) * MINUTE];
      })
      .sort((x, y) => x[0] - y[0]);
    this.weekOpenMs = this.open.reduce((sum, [a, b]) => sum + b - a, 0);
  }

  static always(exclusions: Array<{ from: EpochMs; to: EpochMs }> = []): WeeklyUtcCalendar {
    return new WeeklyUtcCalendar([[0, '00:00-24:00'], [1, '00:00-24:00'], [2, '00:00-24:00'], [3, '00:00-24:00'], [4, '00:00-24:00'], [5, '00:00-24:00'], [6, '00:00-24:00']], exclusions);
  }

  /** Open ms from the reference Monday to `t`. */
  private cumulative(t: EpochMs): number {
    const weeks = Math.floor((t - MONDAY) / WEEK);
    const r = t - MONDAY - weeks * WEEK;
    let ms = weeks * this.weekOpenMs;
    for (const [a, b] of this.open) ms += Math.min(Math.max(r - a, 0), b - a);
    return ms;
  }

  countSeconds(from: EpochMs, to: EpochMs): Seconds {
    if (to <= from) return 0;
    let ms = this.cumulative(to) - this.cumulative(from);
    for (const x of this.exclusions) {
      const a = Math.max(from, x.from);
      const b = Math.min(to, x.to);
      if (b > a) ms -= this.cumulative(b) - this.cumulative(a);
    }
    return ms / 1000;
  }

  addSeconds(from: EpochMs, seconds: Seconds): EpochMs {
    if (seconds <= 0) return from;
    let hi = from + 1000;
    while (this.countSeconds(from, hi) < seconds) hi = from + (hi - from) * 2;
    let lo = from;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.countSeconds(from, mid) >= seconds) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  isOpen(at: EpochMs): boolean {
    return this.countSeconds(at, at + 1) > 0;
  }

  openIntervals(from: EpochMs, to: EpochMs): Array<{ from: EpochMs; to: EpochMs }> {
    const out: Array<{ from: EpochMs; to: EpochMs }> = [];
    let t = from;
    while (t < to) {
      const open = this.isOpen(t);
      let u = t + MINUTE - (((t % MINUTE) + MINUTE) % MINUTE);
      while (u < to && this.isOpen(u) === open) u += MINUTE;
      if (open) out.push({ from: t, to: Math.min(u, to) });
      t = Math.min(u, to);
    }
    return out;
  }
}
