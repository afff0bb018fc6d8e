/**
 * A small runtime schema language for event payloads. Hand-written rather than ajv so the
 * contracts stay dependency-free and every problem names the exact field
 * (`payload.segments[2].party`), which is what lands in a dead-letter reason.
 */

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `payload.impact`. */
  path: string;
  message: string;
}

export interface Schema<T> {
  check(value: unknown, path: string, issues: ValidationIssue[]): void;
  /** Type carrier only; never set at run time. */
  readonly type?: T;
}

interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] };
export type InferObject<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Length and pattern limits of a text field. */
export interface TextRule {
  /** Default 1: text fields are non-empty unless a rule says otherwise. */
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** How the pattern reads in a message, e.g. `an id: letters, digits…`. */
  patternName?: string;
}

/**
 * What is wrong with `value` under `rule`, or undefined. One wording for every surface that
 * applies a rule (event schemas, GraphQL inputs, the ITSM intake), so a field refused by
 * one is refused in the same words by the others. Length is checked before the pattern:
 * a 900 KB value is reported by its size, not echoed.
 */
export function textProblem(value: string, rule: TextRule): string | undefined {
  const minLength = rule.minLength ?? 1;
  if (value.length < minLength) return minLength === 1 ? 'must not be empty' : `must have at least ${minLength} characters`;
  if (rule.maxLength !== undefined && value.length > rule.maxLength) return `must have at most ${rule.maxLength} characters, got ${value.length}`;
  if (rule.pattern && !rule.pattern.test(value)) return `must be ${rule.patternName ?? `a string matching ${rule.pattern}`}, got ${describe(value)}`;
  return undefined;
}

export function string(rule: TextRule = {}): Schema<string> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'string') {
        issues.push({ path, message: `must be a string, got ${describe(value)}` });
        return;
      }
      const problem = textProblem(value, rule);
      if (problem !== undefined) issues.push({ path, message: problem });
    },
  };
}

export function literal<L extends string>(...values: L[]): Schema<L> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'string' || !(values as string[]).includes(value)) {
        issues.push({ path, message: `must be one of ${values.join(', ')}, got ${describe(value)}` });
      }
    },
  };
}

export function number(options: { integer?: boolean; min?: number; max?: number; exclusiveMin?: number } = {}): Schema<number> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push({ path, message: `must be a finite number, got ${describe(value)}` });
        return;
      }
      if (options.integer && !Number.isInteger(value)) issues.push({ path, message: `must be an integer, got ${value}` });
      else if (options.min !== undefined && value < options.min) issues.push({ path, message: `must be ≥ ${options.min}, got ${value}` });
      else if (options.exclusiveMin !== undefined && value <= options.exclusiveMin) issues.push({ path, message: `must be > ${options.exclusiveMin}, got ${value}` });
      else if (options.max !== undefined && value > options.max) issues.push({ path, message: `must be ≤ ${options.max}, got ${value}` });
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'boolean') issues.push({ path, message: `must be true or false, got ${describe(value)}` });
    },
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** 400 Gregorian years, in ms: Date.UTC reads years 0–99 as 1900–1999, so those are shifted by it. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** Arithmetic, not a Date: ingestion checks this for every sample it takes. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/** The number written by `count` decimal digits at `at`, or -1. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const c = text.charCodeAt(i) - 48;
    // Past the end charCodeAt is NaN, which no comparison takes.
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The epoch milliseconds of an RFC 3339 instant with an explicit offset
 * (`2026-03-02T08:05:00+01:00`, `…T08:05:00.250Z`; fractions past milliseconds are cut), or
 * undefined for anything else, an impossible date or time or offset included. Read a
 * character at a time, allocating nothing: metrics ingestion reads one for every sample.
 */
export function isoInstantMs(text: string): number | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    const first = (at += 1);
    for (let digit = digitsAt(text, at, 1); digit >= 0 && at - first < 9; digit = digitsAt(text, at, 1)) {
      if (at - first < 3) millis = millis * 10 + digit;
      at += 1;
    }
    if (at === first) return undefined;
    for (let shown = at - first; shown < 3; shown += 1) millis *= 10;
  }
  let offsetMinutes = 0;
  if (text[at] === 'Z' && at + 1 === text.length) {
    offsetMinutes = 0;
  } else if ((text[at] === '+' || text[at] === '-') && at + 6 === text.length && text[at + 3] === ':') {
    const hours = digitsAt(text, at + 1, 2);
    const minutes = digitsAt(text, at + 4, 2);
    if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (text[at] === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return undefined;
  }
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const shift = year < 100 ? 400 : 0;
  return Date.UTC(year + shift, month - 1, day, hour, minute, second, millis) - (shift === 0 ? 0 : FOUR_CENTURIES_MS) - offsetMinutes * 60_000;
}

/** Whether `text` is an RFC 3339 instant with an explicit offset (no zone-less local times). */
export function isIsoInstant(text: string): boolean {
  return isoInstantMs(text) !== undefined;
}

export function isoInstant(): Schema<string> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'string' || !isIsoInstant(value)) {
        issues.push({ path, message: `must be an ISO-8601 instant with an offset (e.g. 2025-03-04T10:00:00Z), got ${describe(value)}` });
      }
    },
  };
}

export function isoDate(): Schema<string> {
  return {
    check(value, path, issues) {
      const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      if (m === null || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        issues.push({ path, message: `must be an ISO date YYYY-MM-DD, got ${describe(value)}` });
      }
    },
  };
}

export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    check(value, path, issues) {
      if (value !== undefined) schema.check(value, path, issues);
    },
  };
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return {
    check(value, path, issues) {
      if (value !== null) schema.check(value, path, issues);
    },
  };
}

export function array<T>(item: Schema<T>, options: { minLength?: number; maxLength?: number } = {}): Schema<T[]> {
  return {
    check(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `must be an array, got ${describe(value)}` });
        return;
      }
      if (options.minLength !== undefined && value.length < options.minLength) issues.push({ path, message: `must have at least ${options.minLength} item(s)` });
      if (options.maxLength !== undefined && value.length > options.maxLength) issues.push({ path, message: `must have at most ${options.maxLength} items` });
      value.forEach((element, index) => item.check(element, `${path}[${index}]`, issues));
    },
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object with known fields. Unknown fields are tolerated on purpose: a producer may add
 * an optional field within a version without breaking consumers still on the older code.
 */
export function object<S extends Shape>(shape: S, refine?: (value: InferObject<S>, path: string, issues: ValidationIssue[]) => void): Schema<InferObject<S>> {
  return {
    check(value, path, issues) {
      if (!isPlainObject(value)) {
        issues.push({ path, message: `must be an object, got ${describe(value)}` });
        return;
      }
      const before = issues.length;
      for (const [field, schema] of Object.entries(shape)) {
        const fieldPath = path === '' ? field : `${path}.${field}`;
        const fieldValue = value[field];
        if (fieldValue === undefined && !('optional' in schema)) {
          issues.push({ path: fieldPath, message: 'is required' });
        } else {
          schema.check(fieldValue, fieldPath, issues);
        }
      }
      if (refine && issues.length === before) refine(value as InferObject<S>, path, issues);
    },
  };
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validate<T>(schema: Schema<T>, value: unknown, path: string): ValidationResult<T> {
  const issues: ValidationIssue[] = [];
  schema.check(value, path, issues);
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
}

export function formatValidationIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
