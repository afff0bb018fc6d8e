import fc from 'fast-check';
import { WeeklyUtcCalendar, utc } from '@underpin/testing';
import { alwaysCalendar, compileCalendar } from '../calendar';
import type { CalendarSpec, MaintenanceSpec } from '../catalog/catalog.model';
import type { ProbeSample } from '../catalog/events.model';
import { AvailabilityAccumulator, availability } from './availability.util';
import { periodFromKey, periodsBetween } from './period.util';

const MIN = 60_000;
const HOUR = 60 * MIN;
const march = periodFromKey('2026-03', 'UTC');
const always = WeeklyUtcCalendar.always();

function probe(at: string | number, ok: boolean, region = 'eu-north'): ProbeSample {
  return { type: 'probe', at: typeof at === 'string' ? utc(at) : at, service: 'video-meetings', region, ok };
}

describe(availability.name, () => {
  it('holds each probe until the next one', () => {
    const r = availability({
      probes: [probe('2026-03-10T10:00:00Z', true), probe('2026-03-10T10:01:00Z', false), probe('2026-03-10T10:06:00Z', true)],
      period: march,
      calendar: always,
    });
    expect(r.measuredSeconds).toBe(31 * 86_400);
    expect(r.downSeconds).toBe(300);
    expect(r.value).toBeCloseTo(1 - 300 / (31 * 86_400), 15);
  });

  it('holds the last probe to the end of the period and counts time before the first probe as up', () => {
    const r = availability({ probes: [probe('2026-03-31T22:00:00Z', false)], period: march, calendar: always });
    expect(r.downSeconds).toBe(2 * 3600);
  });

  it('takes the state at the period start from the last probe before it', () => {
    const down = availability({
      probes: [probe('2026-02-28T23:00:00Z', true), probe('2026-02-28T23:30:00Z', false), probe('2026-03-01T00:20:00Z', true)],
      period: march,
      calendar: always,
    });
    expect(down.downSeconds).toBe(20 * 60);
    const recovered = availability({
      probes: [probe('2026-02-28T23:30:00Z', false), probe('2026-03-01T00:00:00Z', true)],
      period: march,
      calendar: always,
    });
    expect(recovered.downSeconds).toBe(0);
  });

  it('ignores probes from after the period', () => {
    const r = availability({
      probes: [probe('2026-03-31T23:00:00Z', false), probe('2026-04-01T00:00:00Z', false), probe('2026-04-02T00:00:00Z', false)],
      period: march,
      calendar: always,
    });
    expect(r.downSeconds).toBe(3600);
  });

  it('leaves excluded maintenance out of both sides of the ratio', () => {
    // 24/7 minus Thursdays 16:00–20:00, the shape compileCalendar gives with excludeMaintenance.
    const days = [0, 1, 2, 4, 5, 6].map((d): [number, string] => [d, '00:00-24:00']);
    const calendar = new WeeklyUtcCalendar([...days, [3, '00:00-16:00'], [3, '20:00-24:00']]);
    const r = availability({
      // Thursday 12 March 2026, down 15:00–21:00: only 15–16 and 20–21 count.
      probes: [probe('2026-03-12T15:00:00Z', false), probe('2026-03-12T21:00:00Z', true)],
      period: march,
      calendar,
    });
    expect(r.downSeconds).toBe(2 * 3600);
    expect(r.measuredSeconds).toBe(31 * 86_400 - 4 * 4 * 3600);
    expect(r.value).toBeCloseTo(1 - 7200 / (31 * 86_400 - 16 * 3600), 15);
  });

  it('counts only open hours of an office calendar, and one-off exclusions', () => {
    const office = new WeeklyUtcCalendar(
      [0, 1, 2, 3, 4].map((d): [number, string] => [d, '08:00-16:00']),
      [{ from: utc('2026-03-03T08:00:00Z'), to: utc('2026-03-03T10:00:00Z') }],
    );
    const r = availability({
      // Down from Monday 2 March 15:00 to Tuesday 09:30: 1 h on Monday, 0 on Tuesday (excluded).
      probes: [probe('2026-03-02T15:00:00Z', false), probe('2026-03-03T09:30:00Z', true)],
      period: march,
      calendar: office,
    });
    expect(r.downSeconds).toBe(3600);
    expect(r.measuredSeconds).toBe(22 * 8 * 3600 - 2 * 3600);
  });

  it('reports 1 for a period the calendar never opens', () => {
    const closed = new WeeklyUtcCalendar([]);
    expect(availability({ probes: [probe('2026-03-02T00:00:00Z', false)], period: march, calendar: closed })).toEqual({
      measuredSeconds: 0,
      downSeconds: 0,
      value: 1,
    });
  });

  it('rejects probes out of order or from another region, naming the probe', () => {
    expect(() =>
      availability({ probes: [probe('2026-03-02T00:00:00Z', false), probe('2026-03-01T00:00:00Z', true)], period: march, calendar: always }),
    ).toThrow(/^probes\[1\]\.at: probes must come in time order/);
    expect(() =>
      availability({ probes: [probe('2026-03-02T00:00:00Z', false), probe('2026-03-03T00:00:00Z', true, 'na-east')], period: march, calendar: always }),
    ).toThrow(/^probes\[1\]: all probes must be of one service and region/);
    expect(() => availability({ probes: [], period: { from: 10, to: 5 }, calendar: always })).toThrow(/^period\.to: /);
  });

  const probeStream = fc
    .array(fc.record({ gap: fc.integer({ min: 0, max: 5 * 86_400_000 }), ok: fc.boolean() }), { maxLength: 40 })
    .map((steps) => {
      let at = utc('2026-01-20T00:00:00Z');
      return steps.map((s) => probe((at += s.gap), s.ok));
    });

  it('stays within [0, 1] and agrees with a minute-by-minute count', () => {
    const office = new WeeklyUtcCalendar([0, 1, 2, 3, 4].map((d): [number, string] => [d, '08:00-16:00']));
    fc.assert(
      fc.property(probeStream, (probes) => {
        const r = availability({ probes, period: march, calendar: office });
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(1);
        let down = 0;
        let i = 0;
        let state = true;
        for (let t = march.from; t < march.to; t += MIN) {
          // Probes at one instant: the worse holds (docs/domain.md, measurement integrity).
          while (i < probes.length && probes[i].at <= t) {
            const at = probes[i].at;
            let ok = true;
            while (i < probes.length && probes[i].at === at) ok = probes[i++].ok && ok;
            state = ok;
          }
          // 1970-01-05 (day 4 since the epoch) was a Monday.
          const day = (Math.floor(t / 86_400_000) - 4) % 7;
          const hour = Math.floor(t / HOUR) % 24;
          if (!state && day < 5 && hour >= 8 && hour < 16) down += 60;
        }
        // The stream moves in whole milliseconds, not minutes; a minute's slack per stretch.
        const stretches = probes.filter((p) => !p.ok).length + 1;
        expect(Math.abs(r.downSeconds - down)).toBeLessThanOrEqual(60 * stretches);
      }),
      { numRuns: 25 },
    );
  });

  it('gives 1 when every probe is ok', () => {
    fc.assert(
      fc.property(probeStream, (probes) => {
        const ok = probes.map((p) => ({ ...p, ok: true }));
        expect(availability({ probes: ok, period: march, calendar: always }).value).toBe(1);
      }),
    );
  });
});

describe(AvailabilityAccumulator.name, () => {
  it('splits a down stretch across a quarter boundary in the agreement zone', () => {
    const acc = new AvailabilityAccumulator({
      calendar: always,
      window: 'quarter',
      timezone: 'Europe/Stockholm',
      from: utc('2026-01-01T00:00:00Z'),
      to: utc('2026-07-01T00:00:00Z'),
    });
    // Stockholm's Q2 starts 2026-03-31T22:00Z; down 21:00–23:30 gives 1 h to Q1 and 1.5 h to Q2.
    acc.add(probe('2026-03-31T21:00:00Z', false));
    acc.add(probe('2026-03-31T23:30:00Z', true));
    const results = acc.results();
    expect(results.map((r) => [r.period, r.downSeconds])).toEqual([
      ['2026-Q1', 3600],
      ['2026-Q2', 5400],
      ['2026-Q3', 0],
    ]);
    // The range starts an hour into Stockholm's Q1 and ends two hours into its Q3.
    expect(results[0].measuredSeconds).toBe((utc('2026-03-31T22:00:00Z') - utc('2026-01-01T00:00:00Z')) / 1000);
    expect(results[2].measuredSeconds).toBe(2 * 3600);
  });

  it('matches availability() period by period on any stream', () => {
    const office = new WeeklyUtcCalendar([0, 1, 2, 3, 4].map((d): [number, string] => [d, '07:00-17:30']));
    const from = utc('2026-01-01T00:00:00Z');
    const to = utc('2026-04-15T00:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 9 * 86_400_000 }), ok: fc.boolean() }), { maxLength: 50 }),
        (steps) => {
          let at = utc('2025-12-25T00:00:00Z');
          const probes = steps.map((s) => probe((at += s.gap), s.ok));
          const acc = new AvailabilityAccumulator({ calendar: office, window: 'month', timezone: 'UTC', from, to });
          probes.forEach((p) => acc.add(p));
          const expected = periodsBetween(from, to, 'month', 'UTC').map((p) =>
            availability({ probes, period: { from: Math.max(p.from, from), to: Math.min(p.to, to) }, calendar: office }),
          );
          expect(acc.results().map(({ measuredSeconds, downSeconds, value }) => ({ measuredSeconds, downSeconds, value }))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('adds up a year of per-minute probes to the minutes they were down, in the accumulator and at once', () => {
    const from = utc('2026-01-01T00:00:00Z');
    const n = 525_600;
    const probes: ProbeSample[] = new Array(n);
    // A deterministic pattern with about 2 000 outages of 1–30 minutes.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    let outage = 0;
    for (let i = 0; i < n; i++) {
      if (outage === 0 && next() < 0.004) outage = 1 + Math.floor(next() * 30);
      probes[i] = probe(from + i * MIN, outage === 0);
      if (outage > 0) outage--;
    }
    const acc = new AvailabilityAccumulator({ calendar: always, window: 'month', timezone: 'Europe/Stockholm', from, to: from + n * MIN });
    for (const p of probes) acc.add(p);
    const results = acc.results();
    const single = availability({ probes, period: { from, to: from + n * MIN }, calendar: always });
    const downMinutes = probes.filter((p) => !p.ok).length;
    expect(results.reduce((s, r) => s + r.downSeconds, 0)).toBe(downMinutes * 60);
    expect(single.downSeconds).toBe(downMinutes * 60);
  });
});

describe('availability on compiled calendars', () => {
  const alwaysSpec: CalendarSpec = {
    id: 'always',
    timezone: 'UTC',
    weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day: day as 0, startMinute: 0, endMinute: 1440 })),
    holidays: [],
  };
  // examples/meetings: thu-evening, Thursdays 16:00–20:00 Stockholm time.
  const thuEvening: MaintenanceSpec = { id: 'thu-evening', timezone: 'Europe/Stockholm', weekly: [{ day: 3, startMinute: 960, endMinute: 1200 }], oneOff: [] };
  const calendar = compileCalendar(alwaysSpec, { exclusions: [thuEvening] });

  it('leaves Thursday evenings out in Stockholm time, winter and summer', () => {
    // 12 March (CET): maintenance is 15:00–19:00 UTC; down 14:00–20:00 counts 2 h.
    const winter = availability({
      probes: [probe('2026-03-12T14:00:00Z', false), probe('2026-03-12T20:00:00Z', true)],
      period: march,
      calendar,
    });
    expect(winter.downSeconds).toBe(2 * 3600);
    expect(winter.measuredSeconds).toBe(31 * 86_400 - 4 * 4 * 3600);
    // 16 April (CEST): maintenance is 14:00–18:00 UTC, so the same stretch counts only 18:00–20:00.
    const april = periodFromKey('2026-04', 'UTC');
    const summer = availability({
      probes: [probe('2026-04-16T14:00:00Z', false), probe('2026-04-16T20:00:00Z', true)],
      period: april,
      calendar,
    });
    expect(summer.downSeconds).toBe(2 * 3600);
    expect(summer.measuredSeconds).toBe(30 * 86_400 - 5 * 4 * 3600);
  });

  it('counts real time for an objective without a calendar', () => {
    const acc = new AvailabilityAccumulator({ calendar: alwaysCalendar, window: 'quarter', timezone: 'Europe/Stockholm', from: utc('2026-01-01T00:00:00Z'), to: utc('2026-04-01T00:00:00Z') });
    acc.add(probe('2026-02-01T00:00:00Z', false));
    acc.add(probe('2026-02-01T00:04:30Z', true));
    const [q1] = acc.results();
    expect(q1).toMatchObject({ period: '2026-Q1', downSeconds: 270 });
    expect(q1.value).toBeCloseTo(1 - 270 / q1.measuredSeconds, 15);
  });

  it('adds up a year of per-minute probes on the compiled calendar (npm run bench:domain times a year)', () => {
    const from = utc('2026-01-01T00:00:00Z');
    const n = 525_600;
    const probes: ProbeSample[] = new Array(n);
    for (let i = 0; i < n; i++) probes[i] = probe(from + i * MIN, i % 97 !== 0 && i % 101 !== 0);
    const acc = new AvailabilityAccumulator({ calendar, window: 'quarter', timezone: 'Europe/Stockholm', from, to: from + n * MIN });
    for (const p of probes) acc.add(p);
    const results = acc.results();
    expect(results.map((r) => r.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(results.every((r) => r.value > 0.97 && r.value < 1)).toBe(true);
  });
});
