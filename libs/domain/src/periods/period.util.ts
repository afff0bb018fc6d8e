import type { EpochMs, Window } from '../catalog/catalog.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import type { Period, PeriodKey } from './period.type';
import { instantOfZonedDateTime, zonedDateTimeOf } from './zoned-time.util';

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;

/** A period key taken apart; `month` is the first month of the period (1–12). */
export interface ParsedPeriodKey {
  window: Window;
  year: number;
  month: number;
  months: 1 | 3;
}

export function parsePeriodKey(key: PeriodKey): ParsedPeriodKey {
  const month = MONTH_KEY.exec(key);
  if (month) return { window: 'month', year: Number(month[1]), month: Number(month[2]), months: 1 };
  const quarter = QUARTER_KEY.exec(key);
  if (quarter) return { window: 'quarter', year: Number(quarter[1]), month: (Number(quarter[2]) - 1) * 3 + 1, months: 3 };
  throw new InvalidPeriodInputException('period', `expected a key like "2026-03" or "2026-Q1", got "${key}"`);
}

/** Months since year 0: lets trailing windows be counted with plain subtraction. */
export function monthOrdinal(key: PeriodKey): number {
  const parsed = parsePeriodKey(key);
  if (parsed.window !== 'month') throw new InvalidPeriodInputException('period', `expected a month key, got "${key}"`);
  return parsed.year * 12 + parsed.month - 1;
}

export function monthKeyOfOrdinal(ordinal: number): PeriodKey {
  const year = Math.floor(ordinal / 12);
  const month = ordinal - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function keyOf(window: Window, year: number, firstMonth: number): PeriodKey {
  const y = String(year).padStart(4, '0');
  return window === 'month' ? `${y}-${String(firstMonth).padStart(2, '0')}` : `${y}-Q${(firstMonth - 1) / 3 + 1}`;
}

function checkWindow(window: string): asserts window is Window {
  if (window !== 'month' && window !== 'quarter') {
    throw new InvalidPeriodInputException('window', `expected "month" or "quarter", got "${window}"`);
  }
}

// Month starts are asked for again and again (every period of every objective), and each
// costs a few Intl calls.
const monthStarts = new Map<string, EpochMs>();

function monthStart(year: number, month: number, timezone: string): EpochMs {
  const index = year * 12 + month - 1;
  const cacheKey = `${timezone}|${index}`;
  let start = monthStarts.get(cacheKey);
  if (start === undefined) {
    start = instantOfZonedDateTime({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }, timezone);
    monthStarts.set(cacheKey, start);
  }
  return start;
}

function periodStartingAt(window: Window, year: number, firstMonth: number, timezone: string): Period {
  const index = year * 12 + firstMonth - 1;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const months = window === 'month' ? 1 : 3;
  return {
    key: keyOf(window, y, m),
    window,
    from: monthStart(y, m, timezone),
    to: monthStart(y, m + months, timezone),
  };
}

/** The calendar month or quarter, in the agreement's zone, that contains `at`. */
export function periodOf(at: EpochMs, window: Window, timezone: string): Period {
  checkWindow(window);
  const local = zonedDateTimeOf(at, timezone);
  const firstMonth = window === 'month' ? local.month : Math.floor((local.month - 1) / 3) * 3 + 1;
  let period = periodStartingAt(window, local.year, firstMonth, timezone);
  // Only a zone that turns its clocks back across midnight can put `at` outside; step once.
  const step = window === 'month' ? 1 : 3;
  const parsed = parsePeriodKey(period.key);
  if (at < period.from) period = periodStartingAt(window, parsed.year, parsed.month - step, timezone);
  else if (at >= period.to) period = periodStartingAt(window, parsed.year, parsed.month + step, timezone);
  return period;
}

export function periodFromKey(key: PeriodKey, timezone: string): Period {
  const parsed = parsePeriodKey(key);
  return periodStartingAt(parsed.window, parsed.year, parsed.month, timezone);
}

export function nextPeriod(period: Period | PeriodKey, timezone: string): Period {
  const parsed = parsePeriodKey(typeof period === 'string' ? period : period.key);
  return periodStartingAt(parsed.window, parsed.year, parsed.month + parsed.months, timezone);
}

/** Every period that overlaps `[from, to)`, whole (not clipped), in order. */
export function periodsBetween(from: EpochMs, to: EpochMs, window: Window, timezone: string): Period[] {
  if (!Number.isFinite(from)) throw new InvalidPeriodInputException('from', `expected epoch milliseconds, got ${from}`);
  if (!Number.isFinite(to)) throw new InvalidPeriodInputException('to', `expected epoch milliseconds, got ${to}`);
  const periods: Period[] = [];
  if (to <= from) return periods;
  for (let p = periodOf(from, window, timezone); p.from < to; p = nextPeriod(p, timezone)) periods.push(p);
  return periods;
}

/** The month whose invoice carries a period's credits: the one after the period ends. */
export function invoicePeriodAfter(key: PeriodKey): PeriodKey {
  const parsed = parsePeriodKey(key);
  return monthKeyOfOrdinal(parsed.year * 12 + parsed.month - 1 + parsed.months);
}

/**
 * Resolves instants to periods for a stream that is (mostly) in time order: the last
 * period is kept, so only a crossing into another period costs a zone lookup.
 */
export class PeriodCursor {
  private current: Period | undefined;

  constructor(
    readonly window: Window,
    readonly timezone: string,
  ) {
    checkWindow(window);
    zonedDateTimeOf(0, timezone);
  }

  periodAt(at: EpochMs): Period {
    const c = this.current;
    if (c && at >= c.from && at < c.to) return c;
    this.current = periodOf(at, this.window, this.timezone);
    return this.current;
  }
}
