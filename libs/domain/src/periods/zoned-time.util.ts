import type { EpochMs } from '../catalog/catalog.model';
import { epochToZonedParts, isValidTimeZone, zonedWallTimeToEpoch } from '../calendar';
import { InvalidPeriodInputException } from './invalid-period-input.exception';

/** A wall-clock reading in some zone; month is 1–12. */
export interface ZonedDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// The calendar's zone tables do the arithmetic; this only turns an unknown zone into an
// error that names the field, checked once per zone.
const checkedZones = new Set<string>();

function checkZone(timezone: string): void {
  if (checkedZones.has(timezone)) return;
  if (!isValidTimeZone(timezone)) throw new InvalidPeriodInputException('timezone', `unknown IANA time zone "${timezone}"`);
  checkedZones.add(timezone);
}

function checkInstant(at: EpochMs): void {
  if (!Number.isFinite(at)) throw new InvalidPeriodInputException('at', `expected epoch milliseconds, got ${at}`);
}

/** The wall-clock time at `at` in `timezone`. */
export function zonedDateTimeOf(at: EpochMs, timezone: string): ZonedDateTime {
  checkInstant(at);
  checkZone(timezone);
  const { year, month, day, hour, minute, second } = epochToZonedParts(timezone, at);
  return { year, month, day, hour, minute, second };
}

/**
 * The first instant whose wall clock in `timezone` reads `local` or later: an ambiguous
 * reading (clocks turned back) gives its earlier instant, a reading skipped by a DST jump
 * the instant of the jump. Out-of-range fields roll over (month 13 = January next year).
 */
export function instantOfZonedDateTime(
  local: Partial<ZonedDateTime> & { year: number; month: number },
  timezone: string,
): EpochMs {
  checkZone(timezone);
  const minuteOfDay = (local.hour ?? 0) * 60 + (local.minute ?? 0) + (local.second ?? 0) / 60;
  // Seconds ride along as a fraction of a minute; rounding removes the float dust.
  return Math.round(zonedWallTimeToEpoch(timezone, local.year, local.month, local.day ?? 1, minuteOfDay));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same wall-clock time `months` calendar months later (or earlier) in `timezone`, with
 * the day clamped to the month's last day (31 August − 6 months = 28/29 February).
 */
export function addZonedMonths(at: EpochMs, months: number, timezone: string): EpochMs {
  checkInstant(at);
  checkZone(timezone);
  const r = epochToZonedParts(timezone, at);
  const index = r.year * 12 + (r.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(r.day, daysInMonth(year, month));
  return Math.round(zonedWallTimeToEpoch(timezone, year, month, day, r.hour * 60 + r.minute + r.second / 60)) + r.millisecond;
}
