import fc from 'fast-check';
import type { CalendarSpec, MaintenanceSpec, WeeklyInterval } from '../catalog/catalog.model';
import type { BusinessCalendar } from './business-calendar.type';
import { compileCalendar } from './compile-calendar.util';
import { WeeklyCalendar } from './weekly-calendar.util';
import { alwaysCalendar } from './real-time-calendar.util';

// Santiago changes its clocks at midnight; Chatham by 45-minute offsets; Sydney in the south.
const ZONES = ['Europe/Stockholm', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'Pacific/Chatham', 'America/Santiago'];
const MINUTE = 60_000;
const DAY = 86_400_000;
const START_2025 = Date.UTC(2025, 0, 1);
const END_2027 = Date.UTC(2027, 11, 20);
/** Local dates on which each zone changed its clocks in 2025-2027. */
const CLOCK_CHANGES: Record<string, string[]> = {
  'Europe/Stockholm': ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'],
  'America/New_York': ['2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07'],
  'Australia/Sydney': ['2025-04-06', '2025-10-05', '2026-04-05', '2026-10-04', '2027-04-04', '2027-10-03'],
  'Pacific/Chatham': ['2025-04-06', '2025-09-28', '2026-04-05', '2026-09-27', '2027-04-04', '2027-09-26'],
  'America/Santiago': ['2025-04-05', '2025-09-07', '2026-04-04', '2026-09-06', '2027-04-03', '2027-09-05'],
};
const CLOCK_CHANGE_DAYS = Object.values(CLOCK_CHANGES)
  .flat()
  .map((date) => Date.parse(`${date}T00:00:00Z`));

// ---- A deliberately naive reference: Intl per minute, a bitmap of open minutes. ----

const formatters = new Map<string, Intl.DateTimeFormat>();
const readings = new Map<string, number>();

/** The wall-clock minute (local day × 1440 + minute of day) Intl prints at a whole-minute instant. */
function printedWallMinute(zone: string, at: number): number {
  const key = `${zone} ${at}`;
  const known = readings.get(key);
  if (known !== undefined) return known;
  let formatter = formatters.get(zone);
  if (!formatter) {
    const options = { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const;
    formatter = new Intl.DateTimeFormat('en-US', options);
    formatters.set(zone, formatter);
  }
  const part = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const minute = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute) / MINUTE;
  readings.set(key, minute);
  return minute;
}

/** The earliest whole-minute instant whose printed wall time is at or past `wallMinute`. */
function naiveInstant(zone: string, wallMinute: number): number {
  const wall = wallMinute * MINUTE;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let hour = -26; hour <= 26; hour++) {
    const at = wall + hour * 3_600_000;
    const offset = printedWallMinute(zone, at) * MINUTE - at;
    lowest = Math.min(lowest, offset);
    highest = Math.max(highest, offset);
  }
  for (let at = wall - highest; at <= wall - lowest; at += MINUTE) {
    if (printedWallMinute(zone, at) >= wallMinute) return at;
  }
  throw new Error(`no instant for ${wallMinute} in ${zone}`);
}

function referenceOpenMinutes(spec: CalendarSpec, exclusions: MaintenanceSpec[], from: number, to: number): Uint8Array {
  const open = new Uint8Array((to - from) / MINUTE);
  const mark = (start: number, end: number, value: number) => {
    for (let at = Math.max(start, from); at < Math.min(end, to); at += MINUTE) open[(at - from) / MINUTE] = value;
  };
  const eachDay = (zone: string, weekly: WeeklyInterval[], value: number, holidays: string[]) => {
    for (let day = Math.floor(from / DAY) - 2; day <= Math.floor(to / DAY) + 2; day++) {
      const date = new Date(day * DAY);
      if (holidays.includes(date.toISOString().slice(0, 10))) continue;
      for (const interval of weekly.filter((w) => w.day === (date.getUTCDay() + 6) % 7)) {
        mark(naiveInstant(zone, day * 1440 + interval.startMinute), naiveInstant(zone, day * 1440 + interval.endMinute), value);
      }
    }
  };
  eachDay(spec.timezone, spec.weekly, 1, spec.holidays);
  for (const maintenance of exclusions) {
    eachDay(maintenance.timezone, maintenance.weekly, 0, []);
    for (const window of maintenance.oneOff) mark(window.from, window.to, 0);
  }
  return open;
}

function runsOf(open: Uint8Array, from: number): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  open.forEach((value, i) => {
    if (!value) return;
    const last = runs[runs.length - 1];
    if (last && last.to === from + i * MINUTE) last.to += MINUTE;
    else runs.push({ from: from + i * MINUTE, to: from + (i + 1) * MINUTE });
  });
  return runs;
}

// ---- Generators biased towards midnight, 24:00 and the hours the clocks change. ----

const boundary = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 120, 130, 150, 165, 180, 195, 200, 225, 240, 1380, 1410, 1440),
);
const interval = fc
  .tuple(fc.oneof(fc.constantFrom(5, 6), fc.integer({ min: 0, max: 6 })), boundary, boundary)
  .filter(([, a, b]) => a !== b)
  .map(([day, a, b]): WeeklyInterval => ({ day: day as WeeklyInterval['day'], startMinute: Math.min(a, b), endMinute: Math.max(a, b) }));
const days = (from: number, to: number) => [0, 1, 2, 3, 4, 5, 6].slice(from, to + 1) as WeeklyInterval['day'][];
const weekly = fc.oneof(
  fc.array(interval, { minLength: 1, maxLength: 10 }),
  fc.constant(days(0, 6).map((day) => ({ day, startMinute: 0, endMinute: 1440 }))),
  fc.constant(days(0, 4).map((day) => ({ day, startMinute: 480, endMinute: 960 }))),
);
const nearClockChange = (dates: number[]) =>
  fc.tuple(fc.constantFrom(...dates), fc.integer({ min: -4 * 1440, max: 2 * 1440 })).map(([day, m]) => day + m * MINUTE);
const instant = fc.oneof(
  fc.integer({ min: START_2025 / MINUTE, max: END_2027 / MINUTE }).map((m) => m * MINUTE),
  nearClockChange(CLOCK_CHANGE_DAYS),
);
const holiday = instant.map((at) => new Date(at).toISOString().slice(0, 10));
const calendarSpec = fc.record({
  id: fc.constant('random'),
  timezone: fc.constantFrom(...ZONES),
  weekly,
  holidays: fc.array(holiday, { maxLength: 6 }),
});
/** A calendar and an instant, often a few days before one of that calendar's clock changes. */
const calendarAndInstant = calendarSpec.chain((spec) => {
  const changes = (CLOCK_CHANGES[spec.timezone] ?? []).map((date) => Date.parse(`${date}T00:00:00Z`));
  return fc.tuple(fc.constant(spec), changes.length > 0 ? fc.oneof(instant, nearClockChange(changes)) : instant);
});
const maintenance = fc.record({
  id: fc.constant('maintenance'),
  timezone: fc.constantFrom(...ZONES),
  weekly: fc.array(interval, { maxLength: 3 }),
  oneOff: fc.array(
    fc.tuple(instant, fc.integer({ min: 0, max: 3 * 1440 })).map(([from, m]) => ({ from, to: from + m * MINUTE })),
    { maxLength: 3 },
  ),
});
const exclusions = fc.oneof(fc.constant<MaintenanceSpec[]>([]), fc.array(maintenance, { minLength: 1, maxLength: 2 }));
/** Maintenance whose one-off windows fall around `from`, often across its week's edges. */
const exclusionsAround = (from: number) =>
  fc.array(
    maintenance.chain((spec) =>
      fc
        .array(fc.tuple(fc.integer({ min: -9 * 1440, max: 14 * 1440 }), fc.integer({ min: 0, max: 4 * 1440 })), { maxLength: 3 })
        .map((windows) => ({ ...spec, oneOff: windows.map(([start, m]) => ({ from: from + start * MINUTE, to: from + (start + m) * MINUTE })) })),
    ),
    { maxLength: 2 },
  );
const ms = (seconds: number) => Math.round(seconds * 1000);

describe(WeeklyCalendar.name, () => {
  it('matches a minute-by-minute reference on random calendars, zones, holidays and maintenance', () => {
    fc.assert(
      fc.property(calendarAndInstant.chain(([spec, from]) => fc.tuple(fc.constant(spec), fc.constant(from), exclusionsAround(from))), fc.integer({ min: 0, max: 12 * 1440 }), fc.nat(), ([spec, from, cut], length, probe) => {
        const to = from + length * MINUTE;
        const calendar = compileCalendar(spec, { exclusions: cut });
        const open = referenceOpenMinutes(spec, cut, from, to);
        expect(calendar.countSeconds(from, to)).toBe(open.reduce((sum, value) => sum + value, 0) * 60);
        expect(calendar.openIntervals(from, to)).toEqual(runsOf(open, from));
        if (length > 0) {
          const minute = probe % length;
          expect(calendar.isOpen(from + minute * MINUTE)).toBe(open[minute] === 1);
          expect(calendar.isOpen(from + minute * MINUTE + 59_999)).toBe(open[minute] === 1);
        }
      }),
      { numRuns: 150 },
    );
  });

  const anyInstant = fc.integer({ min: START_2025, max: END_2027 });
  const threeYears = 3 * 365 * DAY;

  it('adds up over split ranges, whichever order the weeks were first resolved in', () => {
    fc.assert(
      fc.property(calendarSpec, exclusions, fc.array(anyInstant, { minLength: 3, maxLength: 3 }), (spec, cut, points) => {
        const [a, b, c] = [...points].sort((x, y) => x - y);
        const calendar = compileCalendar(spec, { exclusions: cut });
        const whole = ms(calendar.countSeconds(a, c));
        expect(ms(calendar.countSeconds(b, c)) + ms(calendar.countSeconds(a, b))).toBe(whole);
        expect(ms(compileCalendar(spec, { exclusions: cut }).countSeconds(a, c))).toBe(whole);
        expect(calendar.countSeconds(c, a)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('lands on the end of an open stretch, not the start of the next, when the time runs out there', () => {
    fc.assert(
      fc.property(calendarAndInstant, exclusions, ([spec, from], cut) => {
        const calendar = compileCalendar(spec, { exclusions: cut });
        const stretches = calendar.openIntervals(from, from + 21 * DAY);
        stretches.forEach((stretch, i) => {
          expect(calendar.addSeconds(from, calendar.countSeconds(from, stretch.to))).toBe(stretch.to);
          // Reaching the start of a stretch is reaching the end of the one before.
          const endBefore = i === 0 ? from : stretches[i - 1].to;
          expect(calendar.addSeconds(from, calendar.countSeconds(from, stretch.from))).toBe(endBefore);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('adds back a count of a year and more to the very millisecond it came from', () => {
    // 34 257 331.832 s × 1000 is 34 257 331 832.000004 in floating point: no extra millisecond.
    const always = compileCalendar({ id: 'always', timezone: 'Europe/Stockholm', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day: day as 0, startMinute: 0, endMinute: 1440 })), holidays: [] });
    const from = Date.UTC(2025, 0, 1);
    expect(always.addSeconds(from, 34_257_331.832)).toBe(from + 34_257_331_832);
    expect(alwaysCalendar.addSeconds(from, 34_257_331.832)).toBe(from + 34_257_331_832);
    expect(always.addSeconds(from, 34_257_331.8325)).toBe(from + 34_257_331_833);
  });

  it('adds time back to exactly the first instant that count reaches, monotonically', () => {
    // Durations are shares of the time a window of up to three years holds, so they are reachable.
    const shares = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 });
    const window = fc.oneof(fc.integer({ min: 0, max: 14 * DAY }), fc.integer({ min: 0, max: threeYears }));
    fc.assert(
      fc.property(calendarSpec, exclusions, anyInstant, window, shares, (spec, cut, from, length, parts) => {
        const calendar: BusinessCalendar = compileCalendar(spec, { exclusions: cut });
        const available = ms(calendar.countSeconds(from, from + length));
        const [shorter, longer] = parts.map((share) => Math.floor(share * available) / 1000).sort((x, y) => x - y);
        const early = calendar.addSeconds(from, shorter);
        const late = calendar.addSeconds(from, longer);
        expect(early).toBeLessThanOrEqual(late);
        expect(late).toBeLessThanOrEqual(from + length);
        expect(calendar.countSeconds(from, late)).toBe(longer);
        expect(calendar.countSeconds(from, early)).toBe(shorter);
        if (longer > 0) {
          expect(calendar.countSeconds(from, late - 1)).toBeLessThan(longer);
          expect(calendar.isOpen(late - 1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
