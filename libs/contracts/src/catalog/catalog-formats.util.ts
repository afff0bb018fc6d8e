import { PERIOD_METRICS, TIME_METRICS } from '@underpin/domain';
import { durationProblem, isKnownTimezone, millisecondsProblem } from './catalog-units.util';
import { closestMatch, didYouMean } from './did-you-mean.util';
import { isIsoDate, parseIsoInstant } from './iso-time.util';
import type { FormatCheck } from './schema-walker.util';
import { parseDayKey, parseInterval } from './weekly-intervals.util';

export const NAMED_METRICS: readonly string[] = [...TIME_METRICS, ...PERIOD_METRICS, 'latency_p95'];
/** `latency_pNN`: any percentile strictly between 0 and 100, e.g. latency_p95 or latency_p99.9. */
export const LATENCY_METRIC = /^latency_p(\d{1,2}(?:\.\d+)?)$/;
/** Pause reasons the field uses; others are allowed, but a near miss of one of these is a typo. */
export const KNOWN_PAUSE_REASONS = ['awaiting-customer', 'awaiting-vendor', 'scheduled'] as const;

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isMetric(value: unknown): boolean {
  return metricProblem(value) === undefined;
}

function metricProblem(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (NAMED_METRICS.includes(value)) return undefined;
    const latency = LATENCY_METRIC.exec(value);
    if (latency !== null && Number(latency[1]) > 0) return undefined;
  }
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  const hint = typeof value === 'string' ? didYouMean(value, NAMED_METRICS) : '';
  return hint ? `unknown metric${shown}${hint}` : `unknown metric${shown}; expected one of ${NAMED_METRICS.join(', ')} or latency_pNN`;
}

/** Text that is there: `expectation` for blank text, else the check's own verdict. */
function nonBlank(expectation: string, check: (value: string) => string | undefined): FormatCheck {
  return (value) => (typeof value !== 'string' || value.trim() === '' ? expectation : check(value));
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The checks the catalogue schema names with `format`: values whose validity takes code (a
 * real calendar date, a known time zone, an interval that ends after it starts) or whose
 * message names what was given. The schema's `pattern` beside each is the same rule as near
 * as a pattern gets, for editors; catalog-formats.util.spec.ts keeps the two in step.
 */
export const CATALOG_FORMATS: Readonly<Record<string, FormatCheck>> = {
  duration: durationProblem,
  milliseconds: millisecondsProblem,
  date: (value) => (typeof value === 'string' && isIsoDate(value) ? undefined : 'expected a date like "2026-12-24"'),
  instant: (value) =>
    typeof value === 'string' && parseIsoInstant(value) !== undefined
      ? undefined
      : 'expected an instant with its offset, like "2026-03-05T22:00:00+01:00"',
  'time-zone': (value) =>
    typeof value === 'string' && value !== '' && isKnownTimezone(value)
      ? undefined
      : `unknown time zone${typeof value === 'string' ? ` "${value}"` : ''}; expected an IANA zone like "Europe/Stockholm"`,
  'weekday-range': (value) => {
    const days = parseDayKey(String(value));
    return Array.isArray(days) ? undefined : days.problem;
  },
  'weekly-interval': (value) => {
    const interval = typeof value === 'string' ? parseInterval(value) : undefined;
    return interval === undefined ? 'expected a time interval like "08:00-16:00"' : 'problem' in interval ? interval.problem : undefined;
  },
  metric: metricProblem,
  // Any reason id is allowed (events may carry reasons of their own), but a near miss of a
  // reason the field uses is a typo that would silently keep a clock running.
  'pause-reason': (value) => {
    const near = typeof value === 'string' ? closestMatch(value, KNOWN_PAUSE_REASONS) : undefined;
    return near === undefined || near === value ? undefined : `unknown pause reason "${String(value)}" (did you mean "${near}"?)`;
  },
  email: nonBlank('expected an e-mail address like "oncall@example.com"', (value) =>
    EMAIL.test(value) ? undefined : `expected an e-mail address like "oncall@example.com"; got "${value}"`,
  ),
  'http-url': nonBlank('expected an http(s) URL', (value) =>
    isHttpUrl(value) ? undefined : `expected an http(s) URL like "https://hooks.example.com/underpin"; got "${value}"`,
  ),
  'env-name': nonBlank('expected an environment variable name', (value) =>
    ENV_NAME.test(value)
      ? undefined
      : `expected an environment variable name (letters, digits, _) like UNDERPIN_WEBHOOK_SECRET; got "${value}"`,
  ),
  'absolute-path': nonBlank('expected an absolute file path', (value) =>
    value.startsWith('/') ? undefined : `expected an absolute file path like /run/secrets/webhook; got "${value}"`,
  ),
};
