import { report, scalar, type Cursor } from './yaml-cursor.util';

export const DURATION_EXPECTATION = 'expected a duration like "15m"';
export const PERCENT_EXPECTATION = 'expected a percentage like "99.95%"';
export const MILLISECONDS_EXPECTATION = 'expected milliseconds like "250ms"';
export const MOS_EXPECTATION = 'expected a MOS score from 1 to 5, like 3.8';

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

export function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** What is wrong with a duration, if anything: it must parse and be longer than zero. */
export function durationProblem(value: unknown): string | undefined {
  const seconds = typeof value === 'string' ? parseDuration(value) : undefined;
  if (seconds === undefined) return DURATION_EXPECTATION;
  return seconds > 0 ? undefined : 'expected a duration longer than zero';
}

export function millisecondsProblem(value: unknown): string | undefined {
  const ms = typeof value === 'string' ? parseMilliseconds(value) : undefined;
  return ms !== undefined && ms > 0 ? undefined : MILLISECONDS_EXPECTATION;
}

/*
 * The readers below report what is wrong with a value, for the values whose unit only
 * another field tells (a credit tier's threshold is in its objective's unit). Where the
 * schema walk has already found a value wrong they say nothing more and read nothing.
 */

/** Seconds of a duration. */
export function readDuration(cursor: Cursor): number | undefined {
  return readChecked(cursor, durationProblem, (value) => parseDuration(value as string));
}

export function readMilliseconds(cursor: Cursor): number | undefined {
  return readChecked(cursor, millisecondsProblem, (value) => parseMilliseconds(value as string));
}

export function readScore(cursor: Cursor): number | undefined {
  const problem = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= 5 ? undefined : MOS_EXPECTATION;
  return readChecked(cursor, problem, (value) => value as number);
}

function readChecked<R>(cursor: Cursor, problemOf: (value: unknown) => string | undefined, read: (value: unknown) => R | undefined): R | undefined {
  if (cursor.file.hasProblemAt(cursor)) return undefined;
  const value = scalar(cursor);
  const problem = problemOf(value);
  if (problem === undefined) return read(value);
  report(cursor, problem);
  return undefined;
}

export interface PercentRule {
  /** Whether 0% is allowed (it is not for targets and credits, which would mean nothing). */
  allowZero?: boolean;
  /** Whether 100% is allowed. */
  allowHundred?: boolean;
}

/**
 * A percentage as a ratio. Its bounds depend on the field (a loss level may be 0%, a credit
 * may not), so they are checked here rather than in the schema.
 */
export function readPercent(cursor: Cursor, rule: PercentRule = {}): number | undefined {
  if (cursor.file.hasProblemAt(cursor)) return undefined;
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
