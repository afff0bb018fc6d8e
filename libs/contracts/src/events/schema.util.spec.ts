import fc from 'fast-check';
import { isIsoInstant, isoInstantMs } from './schema.util';

/** The grammar as a regular expression, with the ranges beside it: what isoInstantMs must take. */
const GRAMMAR = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

function takenByTheGrammar(text: string): boolean {
  const m = GRAMMAR.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(0);
  // setUTCFullYear takes years below 100 as they are (Date.UTC would read 52 as 1952).
  date.setUTCFullYear(year, month - 1, day);
  const realDay = month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const offsetOk = m[8] === 'Z' || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return realDay && hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const instant = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined }),
    offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`)),
  })
  .map((p) => `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction === undefined ? '' : `.${p.fraction}`}${p.offset}`);

describe(isoInstantMs.name, () => {
  it('takes what the grammar and the calendar take, and reads it as Date.parse does', () => {
    fc.assert(
      fc.property(instant, (text) => {
        const ms = isoInstantMs(text);
        expect(ms !== undefined).toBe(takenByTheGrammar(text));
        if (ms !== undefined) expect(ms).toBe(Date.parse(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses any one character changed that the grammar refuses', () => {
    fc.assert(
      fc.property(instant, fc.nat(), fc.string({ minLength: 0, maxLength: 2 }), (text, at, replacement) => {
        const position = at % (text.length + 1);
        const changed = text.slice(0, position) + replacement + text.slice(position + 1);
        expect(isIsoInstant(changed)).toBe(takenByTheGrammar(changed));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the examples of the spec, and refuses the near misses', () => {
    expect(isoInstantMs('2026-03-02T08:05:00+01:00')).toBe(Date.UTC(2026, 2, 2, 7, 5));
    expect(isoInstantMs('2024-02-29T23:59:59.999999999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(isoInstantMs('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'));
    for (const miss of ['2026-03-02T08:05:00', '2026-03-02T08:05:00z', '2026-03-02 08:05:00Z', '2026-03-02T08:05:00+25:00', '2026-03-02T08:05:00.Z', '2026-02-29T00:00:00Z', '2026-03-02T08:05Z']) {
      expect([miss, isIsoInstant(miss)]).toEqual([miss, false]);
    }
  });
});
