import fc from 'fast-check';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import {
  PeriodCursor,
  invoicePeriodAfter,
  monthKeyOfOrdinal,
  monthOrdinal,
  nextPeriod,
  parsePeriodKey,
  periodFromKey,
  periodOf,
  periodsBetween,
} from './period.util';
import { addZonedMonths, instantOfZonedDateTime, zonedDateTimeOf } from './zoned-time.util';

const utc = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;

describe(periodOf.name, () => {
  it('gives calendar months and quarters in UTC', () => {
    const at = utc('2026-03-15T12:00:00Z');
    expect(periodOf(at, 'month', 'UTC')).toEqual({
      key: '2026-03',
      window: 'month',
      from: utc('2026-03-01T00:00:00Z'),
      to: utc('2026-04-01T00:00:00Z'),
    });
    expect(periodOf(at, 'quarter', 'UTC')).toEqual({
      key: '2026-Q1',
      window: 'quarter',
      from: utc('2026-01-01T00:00:00Z'),
      to: utc('2026-04-01T00:00:00Z'),
    });
    expect(periodOf(utc('2026-12-31T23:59:59.999Z'), 'quarter', 'UTC').key).toBe('2026-Q4');
  });

  it('follows Stockholm wall time, so a quarter spanning the spring DST change is an hour short', () => {
    const q1 = periodOf(utc('2026-02-10T10:00:00Z'), 'quarter', 'Europe/Stockholm');
    expect(q1.key).toBe('2026-Q1');
    expect(iso(q1.from)).toBe('2025-12-31T23:00:00.000Z');
    expect(iso(q1.to)).toBe('2026-03-31T22:00:00.000Z');
    expect((q1.to - q1.from) / HOUR).toBe(90 * 24 - 1);

    const q4 = periodFromKey('2026-Q4', 'Europe/Stockholm');
    expect(iso(q4.from)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(q4.to)).toBe('2026-12-31T23:00:00.000Z');
    expect((q4.to - q4.from) / HOUR).toBe(92 * 24 + 1);
  });

  it('puts the instants around a Stockholm quarter boundary on the right side', () => {
    expect(periodOf(utc('2026-03-31T21:59:59.999Z'), 'quarter', 'Europe/Stockholm').key).toBe('2026-Q1');
    expect(periodOf(utc('2026-03-31T22:00:00Z'), 'quarter', 'Europe/Stockholm').key).toBe('2026-Q2');
    // 31 March 23:30 UTC is already April in Stockholm but still March in UTC.
    expect(periodOf(utc('2026-03-31T23:30:00Z'), 'month', 'Europe/Stockholm').key).toBe('2026-04');
    expect(periodOf(utc('2026-03-31T23:30:00Z'), 'month', 'UTC').key).toBe('2026-03');
  });

  it('names the field of a bad zone, window or key', () => {
    expect(() => periodOf(0, 'month', 'Mars/Olympus')).toThrow(new InvalidPeriodInputException('timezone', 'unknown IANA time zone "Mars/Olympus"'));
    expect(() => periodOf(0, 'week' as never, 'UTC')).toThrow(/^window: /);
    expect(() => parsePeriodKey('2026-13')).toThrow(/^period: expected a key like "2026-03" or "2026-Q1", got "2026-13"/);
    expect(() => parsePeriodKey('2026-Q5')).toThrow(InvalidPeriodInputException);
  });

  const zones = ['UTC', 'Europe/Stockholm', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];

  it('always returns a period that contains the instant and that the next one follows without a gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.constantFrom('month' as const, 'quarter' as const),
        (at, zone, window) => {
          const p = periodOf(at, window, zone);
          expect(p.from).toBeLessThanOrEqual(at);
          expect(at).toBeLessThan(p.to);
          expect(periodFromKey(p.key, zone)).toEqual(p);
          expect(nextPeriod(p, zone).from).toBe(p.to);
          const local = zonedDateTimeOf(p.from, zone);
          expect([local.day, local.hour, local.minute]).toEqual([1, 0, 0]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('nextPeriod and periodsBetween', () => {
  it('steps across year ends', () => {
    expect(nextPeriod('2026-12', 'UTC').key).toBe('2027-01');
    expect(nextPeriod('2026-Q4', 'UTC').key).toBe('2027-Q1');
  });

  it('lists every period overlapping the range, whole', () => {
    const periods = periodsBetween(utc('2026-02-15T00:00:00Z'), utc('2026-05-01T00:00:00Z'), 'month', 'UTC');
    expect(periods.map((p) => p.key)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(periods[0].from).toBe(utc('2026-02-01T00:00:00Z'));
    // Midnight UTC on 1 January is already 01:00 in Stockholm, so 2027-Q1 overlaps the range.
    const quarters = periodsBetween(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), 'quarter', 'Europe/Stockholm');
    expect(quarters.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsBetween(5, 5, 'month', 'UTC')).toEqual([]);
  });
});

describe(invoicePeriodAfter.name, () => {
  it('gives the month after the period ends', () => {
    expect(invoicePeriodAfter('2026-Q1')).toBe('2026-04');
    expect(invoicePeriodAfter('2026-03')).toBe('2026-04');
    expect(invoicePeriodAfter('2026-12')).toBe('2027-01');
    expect(invoicePeriodAfter('2026-Q4')).toBe('2027-01');
  });

  it('round-trips month ordinals', () => {
    expect(monthKeyOfOrdinal(monthOrdinal('2026-03') - 3)).toBe('2025-12');
    expect(() => monthOrdinal('2026-Q1')).toThrow(/^period: expected a month key/);
  });
});

describe('zoned time', () => {
  it('maps a wall time skipped by spring DST to the instant of the jump, an ambiguous one to its earlier instant', () => {
    expect(iso(instantOfZonedDateTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Stockholm'))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(iso(instantOfZonedDateTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Stockholm'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // Chile skips midnight itself: the day starts at 01:00.
    expect(iso(instantOfZonedDateTime({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('adds calendar months at the same wall time, clamping the day', () => {
    expect(iso(addZonedMonths(utc('2026-08-31T10:00:00Z'), -6, 'Europe/Stockholm'))).toBe('2026-02-28T11:00:00.000Z');
    expect(iso(addZonedMonths(utc('2026-01-15T07:00:07.250Z'), 6, 'Europe/Stockholm'))).toBe('2026-07-15T06:00:07.250Z');
  });
});

describe(PeriodCursor.name, () => {
  it('agrees with periodOf on a time-ordered stream', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 365 * 24 }), { maxLength: 60 }), (hours) => {
        const cursor = new PeriodCursor('quarter', 'Europe/Stockholm');
        const base = utc('2025-06-01T00:00:00Z');
        for (const h of [...hours].sort((a, b) => a - b)) {
          const at = base + h * HOUR;
          expect(cursor.periodAt(at)).toEqual(periodOf(at, 'quarter', 'Europe/Stockholm'));
        }
      }),
    );
  });
});
