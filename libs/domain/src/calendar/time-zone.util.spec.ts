import fc from 'fast-check';
import { civilFromDays, daysFromCivil, formatIsoDate, parseIsoDate, weekdayOfDays } from './civil-date.util';
import { epochToZonedParts, zonedWallTimeToEpoch, zoneOffsetMs, zoneOffsets } from './time-zone.util';

const ZONES = ['Europe/Stockholm', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'Pacific/Chatham', 'America/Santiago'];
/** Local dates on which the zones above changed their clocks in 2025-2027. */
const CLOCK_CHANGE_DAYS = [
  '2025-03-09', '2025-03-30', '2025-04-06', '2025-09-28', '2025-10-05', '2025-10-26', '2025-11-02',
  '2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01',
  '2027-03-14', '2027-03-28', '2027-04-04', '2027-09-26', '2027-10-03', '2027-10-31', '2027-11-07',
  '2025-04-05', '2025-09-07', '2026-04-04', '2026-09-06', '2027-04-03', '2027-09-05',
].map((date) => parseIsoDate(date) as number);
const FROM_2000 = Date.UTC(2000, 0, 1);
const TO_2036 = Date.UTC(2036, 0, 1);

/** The offset as Intl prints it ("GMT+12:45"), read without any of the code under test. */
const offsetPrinters = new Map<string, Intl.DateTimeFormat>();
function printedOffsetMs(zone: string, at: number): number {
  let printer = offsetPrinters.get(zone);
  if (!printer) {
    printer = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetPrinters.set(zone, printer);
  }
  const name = printer
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match) throw new Error(`unexpected offset name ${name}`);
  if (!match[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

describe('time zones', () => {
  it('agrees with the offsets Intl prints, at any instant and right around each transition', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM_2000, max: TO_2036 }), (zone, at) => {
        expect(zoneOffsetMs(zone, at)).toBe(printedOffsetMs(zone, at));
      }),
      { numRuns: 3000 },
    );
    for (const zone of ZONES) {
      const table = zoneOffsets(zone);
      for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2028, 0, 1); ) {
        const jump = table.transitionIn(at, at + 30 * 86_400_000);
        if (jump === undefined) {
          at += 30 * 86_400_000;
          continue;
        }
        expect(zoneOffsetMs(zone, jump - 1)).toBe(printedOffsetMs(zone, jump - 1000));
        expect(zoneOffsetMs(zone, jump)).toBe(printedOffsetMs(zone, jump));
        expect(zoneOffsetMs(zone, jump - 1)).not.toBe(zoneOffsetMs(zone, jump));
        at = jump;
      }
    }
  });

  it('reads wall-clock parts like Intl does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM_2000, max: TO_2036 }), (zone, at) => {
        const printed = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          weekday: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }).formatToParts(at);
        const value = (type: string) => printed.find((part) => part.type === type)?.value;
        const parts = epochToZonedParts(zone, at);
        expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]).toEqual(
          ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(value(type))),
        );
        expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][parts.weekday]).toBe(value('weekday'));
        expect(parts.millisecond).toBe(((at % 1000) + 1000) % 1000);
      }),
      { numRuns: 1000 },
    );
  });

  it('places a wall time at the earliest instant whose reading is at or past it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(
          fc.integer({ min: daysFromCivil(2025, 1, 1), max: daysFromCivil(2027, 12, 31) }),
          fc.constantFrom(...CLOCK_CHANGE_DAYS),
        ),
        fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 60, max: 240 })),
        (zone, day, minute) => {
          const { year, month, day: dayOfMonth } = civilFromDays(day);
          const at = zonedWallTimeToEpoch(zone, year, month, dayOfMonth, minute);
          const wanted = day * 1440 + minute;
          const reading = (t: number) => {
            const parts = epochToZonedParts(zone, t);
            return parts.dayNumber * 1440 + parts.minuteOfDay;
          };
          expect(reading(at)).toBeGreaterThanOrEqual(wanted);
          let earlierReachingIt: number | undefined;
          // These zones never turn their clocks back by more than an hour, so an earlier
          // reading at or past the wanted time could only lie in the hours just before.
          for (let t = at - 1; t > at - 3 * 3_600_000 && earlierReachingIt === undefined; t -= 60_000) {
            if (reading(t) >= wanted) earlierReachingIt = t;
          }
          expect(earlierReachingIt).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a skipped time', 2026, 3, 29, 150, '2026-03-29T03:00:00+02:00'],
    ['a repeated time', 2026, 10, 25, 150, '2026-10-25T02:30:00+02:00'],
    ['the end of the repeated hour', 2026, 10, 25, 180, '2026-10-25T03:00:00+01:00'],
    ['a rolled-over month and minute', 2025, 15, 28, 1440 + 90, '2026-03-29T01:30:00+01:00'],
  ])('places %s in Stockholm', (_, year, month, day, minute, expected) => {
    expect(zonedWallTimeToEpoch('Europe/Stockholm', year, month, day, minute)).toBe(Date.parse(expected));
  });

  it('rejects unknown zones by name', () => {
    expect(() => zoneOffsetMs('Europe/Atlantis', 0)).toThrow('unknown time zone "Europe/Atlantis"');
  });
});

describe('civil dates', () => {
  it('round-trips day numbers and ISO dates and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400_000, max: 2_900_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
        expect(parseIsoDate(formatIsoDate(days))).toBe(days);
        const date = new Date(days * 86_400_000);
        expect([year, month, day]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(weekdayOfDays(days)).toBe((date.getUTCDay() + 6) % 7);
      }),
    );
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00'])('rejects %s', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});
