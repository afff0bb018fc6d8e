import fc from 'fast-check';
import { CATALOG_FORMATS, NAMED_METRICS } from './catalog-formats.util';
import { CATALOG_SCHEMA } from './catalog-schema.constant';
import type { JsonSchema } from './json-schema.type';

/** Every subschema that names a format, wherever it sits. */
function formatted(schema: JsonSchema): JsonSchema[] {
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...Object.values(schema.definitions ?? {}),
    ...(schema.allOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...[schema.items, schema.propertyNames, schema.then, schema.else, schema.if, schema.not, schema.contains].filter((s) => s !== undefined),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
  ];
  return [...(schema.format === undefined ? [] : [schema]), ...children.flatMap(formatted)];
}

/** What an editor knows of a formatted value: the schema's pattern, enum or length beside the format. */
function editorAccepts(schema: JsonSchema, value: string): boolean {
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.anyOf !== undefined) {
    return schema.anyOf.some((branch) => (branch.enum ?? []).includes(value) || (branch.pattern !== undefined && new RegExp(branch.pattern, 'u').test(value)));
  }
  return true;
}

const SAMPLES: Record<string, string[]> = {
  duration: ['15m', '1h30m', '2d', '90s', '1d2h3m4s', '0m', '', '4h 30m', '15', '1.5h', '30m4h', '-5m', '4H'],
  milliseconds: ['250ms', '12.5ms', '0ms', '250', '0.25s'],
  date: ['2026-12-24', '2028-02-29', '2026-02-30', '2026-1-01', '2026-13-01'],
  instant: ['2026-03-05T22:00:00+01:00', '2026-03-03T09:12Z', '2026-03-03T09:12:00.123456Z', '2026-03-03T09:12:00', '2026-02-30T09:12:00Z'],
  'time-zone': ['UTC', 'Europe/Stockholm', 'Europe/Stockhlm', ''],
  'weekday-range': ['mon', 'mon-fri', 'sat-sun', 'sun-sun', 'fri-mon', 'mon-fry', 'tues', 'mon-'],
  'weekly-interval': ['08:00-16:00', '00:00-24:00', '16:00-08:00', '24:00-24:00', '8:00-16:00', '08:60-16:00', '25:00-26:00', '08:00-24:30'],
  metric: [...NAMED_METRICS, 'latency_p99.9', 'latency_p50', 'latency_p0', 'latency_p100', 'availabilty', 'uptime'],
  'pause-reason': ['awaiting-customer', 'awaiting-vendor', 'vendor-hold', 'awaiting-vendr'],
  email: ['oncall@example.com', 'a@b.c', 'not an address', 'a@b', '<a@b.c>'],
  'http-url': ['https://hooks.example.com/underpin', 'http://localhost:8080/x', 'https://', 'mailto:x@example.com', 'ftp://x'],
  'env-name': ['UNDERPIN_WEBHOOK_SECRET', '_X1', 'HOOK-1', '1A'],
  'absolute-path': ['/run/secrets/hook', '/', 'run/hook', './x'],
};

const USES = formatted(CATALOG_SCHEMA);

describe('CATALOG_FORMATS', () => {
  it('has samples for every format the schema names, each taking some and refusing some', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(CATALOG_FORMATS).sort());
    for (const [format, samples] of Object.entries(SAMPLES)) {
      const verdicts = samples.map((sample) => CATALOG_FORMATS[format](sample) === undefined);
      expect([format, verdicts.includes(true), verdicts.includes(false)]).toEqual([format, true, true]);
    }
  });

  it.each(Object.keys(SAMPLES))('%s: an editor never flags a value the loader takes', (format) => {
    const uses = USES.filter((schema) => schema.format === format);
    expect(uses.length).toBeGreaterThan(0);
    for (const schema of uses) {
      const flagged = SAMPLES[format].filter((sample) => CATALOG_FORMATS[format](sample) === undefined && !editorAccepts(schema, sample));
      expect(flagged).toEqual([]);
    }
  });

  it('agrees with the schema on any duration or interval made of their characters', () => {
    const duration = USES.find((schema) => schema.format === 'duration') as JsonSchema;
    const interval = USES.find((schema) => schema.format === 'weekly-interval') as JsonSchema;
    const word = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(word(['0', '1', '5', '9', 'd', 'h', 'm', 's']), (text) => {
        expect(CATALOG_FORMATS.duration(text) !== undefined || editorAccepts(duration, text)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(word(['0', '1', '2', '4', '6', ':', '-']), (text) => {
        expect(CATALOG_FORMATS['weekly-interval'](text) !== undefined || editorAccepts(interval, text)).toBe(true);
      }),
    );
  });

  it('names what was given when it is near a known word', () => {
    expect(CATALOG_FORMATS.metric('availabilty')).toBe('unknown metric "availabilty" (did you mean "availability"?)');
    expect(CATALOG_FORMATS['weekday-range']('tue-fry')).toBe('expected a day or day range like "mon-fri"; "fry" is not a day (did you mean "fri"?)');
    expect(CATALOG_FORMATS['pause-reason']('awaiting-vendr')).toBe('unknown pause reason "awaiting-vendr" (did you mean "awaiting-vendor"?)');
    expect(CATALOG_FORMATS['time-zone']('Europe/Stockhlm')).toBe('unknown time zone "Europe/Stockhlm"; expected an IANA zone like "Europe/Stockholm"');
  });
});
