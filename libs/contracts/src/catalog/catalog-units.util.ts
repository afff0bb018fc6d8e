import { isIsoDate, parseIsoInstant } from './iso-time.util';
import { report, scalar, type Cursor } from './yaml-cursor.util';

export const DURATION_EXPECTATION = 'expected a duration like "15m"';
export const PERCENT_EXPECTATION = 'expected a percentage like "99.95%"';
export const MILLISECONDS_EXPECTATION = 'expected milliseconds like "250ms"';

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const MILLISECONDS = /^(\d+(?:\.\d+)?)ms$/;

/**
 * Seconds of counted time in `90s`, `15m`, `4h`, `1h30m`, `2d`. A day is 24 counted hours,
 * never a working day: on an 8-hour office calendar three working days are `24h`.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || text === '') return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** "99.95%" → 0.9995, shifting the decimal point in text so no binary rounding creeps in. */
export function parsePercent(text: string): number | undefined {
  const match = PERCENT.exec(text);
  return match === null ? undefined : Number(`${match[1]}e-2`);
}

export function parseMilliseconds(text: string): number | undefined {
  const match = MILLISECONDS.exec(text);
  return match === null ? undefined : Number(match[1]);
}

export function readDuration(cursor: Cursor): number | undefined {
  const value = scalar(cursor);
  const seconds = typeof value === 'string' ? parseDuration(value) : undefined;
  if (seconds === undefined) {
    report(cursor, DURATION_EXPECTATION);
    return undefined;
  }
  if (seconds <= 0) {
    report(cursor, 'expected a duration longer than zero');
    return undefined;
  }
  return seconds;
}

export interface PercentRule {
  /** Whether 0% is allowed (it is not for targets and credits, which would mean nothing). */
  allowZero?: boolean;
  /** Whether 100% is allowed. */
  allowHundred?: boolean;
}

export function readPercent(cursor: Cursor, rule: PercentRule = {}): number | undefined {
  const value = scalar(cursor);
  const ratio = typeof value === 'string' ? parsePercent(value) : undefined;
  if (ratio === undefined) {
    report(cursor, PERCENT_EXPECTATION);
    return undefined;
  }
  const allowZero = rule.allowZero ?? false;
  const allowHundred = rule.allowHundred ?? true;
  if ((ratio === 0 && !allowZero) || ratio > 1 || (ratio === 1 && !allowHundred)) {
    const low = allowZero ? 'at least 0%' : 'above 0%';
    const high = allowHundred ? 'at most 100%' : 'below 100%';
    report(cursor, `expected a percentage ${low} and ${high}`);
    return undefined;
  }
  return ratio;
}

export function readMilliseconds(cursor: Cursor): number | undefined {
  const value = scalar(cursor);
  const ms = typeof value === 'string' ? parseMilliseconds(value) : undefined;
  if (ms === undefined || ms <= 0) {
    report(cursor, MILLISECONDS_EXPECTATION);
    return undefined;
  }
  return ms;
}

export function readDate(cursor: Cursor): string | undefined {
  const value = scalar(cursor);
  if (typeof value === 'string' && isIsoDate(value)) return value;
  report(cursor, 'expected a date like "2026-12-24"');
  return undefined;
}

export function readInstant(cursor: Cursor): number | undefined {
  const value = scalar(cursor);
  const at = typeof value === 'string' ? parseIsoInstant(value) : undefined;
  if (at === undefined) report(cursor, 'expected an instant with its offset, like "2026-03-05T22:00:00+01:00"');
  return at;
}

export function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

export function readTimezone(cursor: Cursor): string | undefined {
  const value = scalar(cursor);
  if (typeof value === 'string' && value !== '' && isKnownTimezone(value)) return value;
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  report(cursor, `unknown time zone${shown}; expected an IANA zone like "Europe/Stockholm"`);
  return undefined;
}
