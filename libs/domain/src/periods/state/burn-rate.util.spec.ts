import fc from 'fast-check';
import { alwaysCalendar, compileCalendar } from '../../calendar';
import type { ObjectiveSpec } from '../../catalog/catalog.model';
import type { CallQualitySample, ProbeSample } from '../../catalog/events.model';
import { objective } from '@underpin/testing';
import { periodFromKey, periodsBetween } from '../period.util';
import { budgetSeries, windowOf } from './budget-series.util';
import { burnRateAlerts, burnRateRules, burnRatesAt, DEFAULT_BURN_RATES } from './burn-rate.util';
import { errorBudget } from './error-budget.util';
import type { AvailabilityFigure, PeriodState } from './period-state.type';
import { addSamples, createPeriodState, mergePeriodStates, periodFigure } from './period-state.util';

const MIN = 60_000;
const utc = (text: string) => Date.parse(text);
const march = periodFromKey('2026-03', 'UTC');
const OUTAGE = utc('2026-03-10T10:00:00Z');

const availability = (terms: Partial<ObjectiveSpec> = {}) =>
  objective({ id: 'availability', metric: 'availability', target: { unit: 'ratio', value: 0.999 }, direction: 'atLeast', ...terms });

function probe(at: number, ok: boolean): ProbeSample {
  return { type: 'probe', at, service: 'video', region: 'eu-north', ok };
}

/** Up every minute of March 1–10, down 10:00–10:10 on the 10th, up until noon on the 11th. */
function marchProbes(): ProbeSample[] {
  const probes: ProbeSample[] = [];
  for (let at = utc('2026-03-01T00:00:00Z'); at < utc('2026-03-11T12:00:00Z'); at += MIN) probes.push(probe(at, at < OUTAGE || at >= OUTAGE + 10 * MIN));
  return probes;
}

function stateOf(spec: ObjectiveSpec, samples: Array<ProbeSample | CallQualitySample>): PeriodState {
  const state = createPeriodState(spec, { service: 'video', region: 'eu-north', period: march });
  expect(addSamples(state, samples).refused).toEqual([]);
  return state;
}

describe(burnRateRules.name, () => {
  it("are the workbook's four for a 30-day window: burn rates 14.4, 6, 3 and 1", () => {
    expect(burnRateRules(availability()).map((r) => [r.long, r.short, r.rate, r.severity])).toEqual([
      [3_600, 300, 14.4, 'page'],
      [21_600, 1_800, 6, 'page'],
      [86_400, 7_200, 3, 'ticket'],
      [259_200, 21_600, 1, 'ticket'],
    ]);
  });

  it('scale their windows to the rolling window and keep the rates: 90 days gives 3 h / 15 min', () => {
    const quarter = burnRateRules(availability({ window: 'quarter' }));
    expect(quarter.map((r) => [r.long, r.short])).toEqual([
      [3 * 3_600, 900],
      [18 * 3_600, 5_400],
      [3 * 86_400, 6 * 3_600],
      [9 * 86_400, 18 * 3_600],
    ]);
    expect(quarter.map((r) => r.rate)).toEqual([14.4, 6, 3, 1].map((rate) => expect.closeTo(rate, 12)));
    // 28 days: 1 h × 28/30 = 56 min, 5 min × 28/30 = 4 min 40 s, taken to whole minutes.
    expect(burnRateRules(availability({ rollingWindow: 28 * 86_400 }))[0]).toMatchObject({ long: 56 * 60, short: 5 * 60 });
  });

  it('take the objective own rules as they are, and refuse windows that are not whole minutes', () => {
    const own = { budget: 0.001, long: 600, short: 60, severity: 'ticket' as const };
    expect(burnRateRules(availability({ burnRates: [own] }))).toEqual([{ ...own, index: 0, rate: (0.001 * 30 * 86_400) / 600 }]);
    expect(() => burnRateRules(availability({ burnRates: [{ ...own, short: 90 }] }))).toThrow(/burnRates\[0\]: expected whole minutes/);
    expect(DEFAULT_BURN_RATES).toHaveLength(4);
  });
});

describe(burnRateAlerts.name, () => {
  // 99.9 % allows 0.1 % down. The 10-minute outage from 10:00 on 10 March, per rule:
  //   14.4× (1.44 %): 1 h window has 1 min of 60 (1.7 %) at 10:01; the 5-min window is clear at 10:15.
  //   6×   (0.6 %):  6 h window passes 2.16 min at 10:03 (3 of 360); the 30-min window is clear at 10:40.
  //   3×   (0.3 %):  1 d window passes 4.32 min at 10:05; the 2-h window is clear at 12:10.
  //   1×   (0.1 %):  3 d window passes 4.32 min at 10:05; the 6-h window is clear at 16:10.
  it('fire and resolve at the minutes worked out by hand', () => {
    const state = stateOf(availability(), marchProbes());
    const alerts = burnRateAlerts({ objective: availability(), states: [state], calendar: alwaysCalendar, from: march.from, to: utc('2026-03-11T12:00:00Z') });
    expect(alerts.map((a) => [a.rule, a.severity, new Date(a.firedAt).toISOString(), a.resolvedAt && new Date(a.resolvedAt).toISOString()])).toEqual([
      [0, 'page', '2026-03-10T10:01:00.000Z', '2026-03-10T10:15:00.000Z'],
      [1, 'page', '2026-03-10T10:03:00.000Z', '2026-03-10T10:40:00.000Z'],
      [2, 'ticket', '2026-03-10T10:05:00.000Z', '2026-03-10T12:10:00.000Z'],
      [3, 'ticket', '2026-03-10T10:05:00.000Z', '2026-03-10T16:10:00.000Z'],
    ]);
  });

  it('leave an alert open while it still burns at the end', () => {
    const state = stateOf(availability(), marchProbes());
    const open = burnRateAlerts({ objective: availability(), states: [state], calendar: alwaysCalendar, from: march.from, to: OUTAGE + 20 * MIN });
    expect(open.map((a) => [a.rule, a.resolvedAt])).toEqual([
      [0, OUTAGE + 15 * MIN],
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it('count only calendar time: an outage outside office hours burns nothing', () => {
    const office = compileCalendar({ id: 'office', timezone: 'UTC', weekly: [0, 1, 2, 3, 4].map((day) => ({ day: day as 0, startMinute: 480, endMinute: 960 })), holidays: [] });
    // The same outage eight hours earlier: 02:00–02:10, before the office opens at 08:00.
    const night = marchProbes().map((p) => ({ ...p, at: p.at - 8 * 3_600_000 }));
    const state = stateOf(availability(), night.filter((p) => p.at >= march.from));
    expect(burnRateAlerts({ objective: availability(), states: [state], calendar: office, from: march.from, to: utc('2026-03-11T12:00:00Z') })).toEqual([]);
  });

  it('judge lossy intervals on call time: 5 lossy minutes from 10:30 page at 10:33 and clear at 10:40', () => {
    // One call with six 10-second intervals a minute from 10:00; lossy 10:30–10:35. Nothing was
    // measured before 10:00, so the windows hold only what came since.
    // 14.4 × 0.5 % = 7.2 %: at 10:32 the hour has 2 lossy minutes of 32 (6.25 %), at 10:33 3 of 33 (9.1 %).
    // 6×, 3× and 1× (3 %, 1.5 %, 0.5 %): already at 10:31, 1 lossy minute of 31 (3.2 %) in
    // both their windows, and their short windows (30 min and more) still hold it at 11:00.
    const loss = objective({ id: 'packet-loss', metric: 'lossy_interval_ratio', target: { unit: 'ratio', value: 0.005 }, direction: 'atMost', lossAbove: 0.02 });
    const samples: CallQualitySample[] = [];
    for (let at = utc('2026-03-10T10:00:00Z'); at < utc('2026-03-10T11:00:00Z'); at += 10_000) {
      const lossy = at >= utc('2026-03-10T10:30:00Z') && at < utc('2026-03-10T10:35:00Z');
      samples.push({ type: 'call.quality', at, service: 'video', region: 'eu-north', call: 'c', lossPercent: lossy ? 5 : 0.1, intervalSeconds: 10 });
    }
    const alerts = burnRateAlerts({ objective: loss, states: [stateOf(loss, samples)], from: march.from, to: utc('2026-03-10T11:00:00Z') });
    const fired = alerts.map((a) => [a.rule, new Date(a.firedAt).toISOString().slice(11, 16), a.resolvedAt && new Date(a.resolvedAt).toISOString().slice(11, 16)]);
    expect(fired).toEqual([
      [1, '10:31', null],
      [2, '10:31', null],
      [3, '10:31', null],
      [0, '10:33', '10:40'],
    ]);
  });

  it('refuse metrics without an error budget', () => {
    const latency = objective({ id: 'latency', metric: 'latency_p95', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost' });
    expect(() => burnRateAlerts({ objective: latency, states: [], from: 0, to: MIN })).toThrow(/has no error budget/);
  });

  it('do not depend on how the samples were batched, ordered or split over states', () => {
    const spec = availability({ missingData: { after: 300, counts: 'down' } });
    const calendar = compileCalendar({ id: 'c', timezone: 'Europe/Stockholm', weekly: [0, 1, 2, 3, 4, 5].map((day) => ({ day: day as 0, startMinute: 360, endMinute: 1320 })), holidays: [] });
    const from = utc('2026-02-28T00:00:00Z');
    const to = utc('2026-03-02T00:00:00Z');
    const probes = fc.array(
      fc.record({ minute: fc.integer({ min: 0, max: (to - from) / MIN - 1 }), ok: fc.boolean(), jitter: fc.constantFrom(0, 0, 0, 17_000) }),
      { maxLength: 200, size: 'max' },
    );
    fc.assert(
      fc.property(
        probes.chain((rows) => fc.record({ rows: fc.constant(rows), order: fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), parts: fc.array(fc.nat({ max: 1 }), { minLength: rows.length, maxLength: rows.length }) })),
        ({ rows, order, parts }) => {
          const asProbes = (list: typeof rows) => list.map((r) => probe(from + r.minute * MIN + r.jitter, r.ok));
          const periods = periodsBetween(from, to, 'month', 'UTC');
          const build = (lists: ProbeSample[][]) =>
            periods.map((period) => {
              const states = lists.map((list) => {
                const state = createPeriodState(spec, { service: 'video', region: 'eu-north', period, from });
                for (let i = 0; i < list.length; i += 7) addSamples(state, list.slice(i, i + 7));
                return state;
              });
              states.slice(1).forEach((other) => mergePeriodStates(states[0], other));
              return states[0];
            });
          const inOrder = build([asProbes([...rows].sort((a, b) => a.minute - b.minute || a.jitter - b.jitter))]);
          const split = build([0, 1].map((k) => asProbes(order.filter((_, i) => parts[i] === k))));
          const alertsOf = (states: PeriodState[]) => burnRateAlerts({ objective: spec, states, calendar, from, to });
          expect(alertsOf(split)).toEqual(alertsOf(inOrder));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe(errorBudget.name, () => {
  it('is what 99.9 % allows less the 10 minutes down, on the period and on the rolling window', () => {
    const state = stateOf(availability(), marchProbes());
    const at = utc('2026-03-10T12:00:00Z');
    const budget = errorBudget({ objective: availability(), states: [state], calendar: alwaysCalendar, at });
    // March: 0.1 % of 31 days = 2 678.4 s, of which 600 s are spent.
    expect(budget.period).toMatchObject({ unit: 'seconds', allowed: expect.closeTo(2678.4, 9), consumed: 600, remaining: expect.closeTo(2078.4, 9) });
    expect(budget.period?.remainingRatio).toBeCloseTo(2078.4 / 2678.4, 12);
    // The 30-day window reaches back before the first state: only 9.5 days were measured, 820.8 s allowed.
    expect(budget.rolling).toMatchObject({ from: at - 30 * 86_400_000, to: at, allowed: expect.closeTo(820.8, 9), consumed: 600 });
  });

  it('counts the same down time as the period figure', () => {
    // Open 10:00–10:05 on weekdays: 5 of the outage's 10 minutes count.
    const office = compileCalendar({ id: 'office', timezone: 'UTC', weekly: [0, 1, 2, 3, 4].map((day) => ({ day: day as 0, startMinute: 600, endMinute: 605 })), holidays: [] });
    const state = stateOf(availability(), marchProbes());
    const figure = periodFigure(state, { calendar: office }) as AvailabilityFigure;
    const series = budgetSeries([state], march.to, office);
    const whole = windowOf(series, march.from, march.to);
    expect([whole.bad / 1000, whole.total / 1000]).toEqual([figure.downSeconds, figure.measuredSeconds]);
    expect(figure.downSeconds).toBe(300);
  });

  it('reports burn rates now: at 10:15, 10 min down in the last hour burn a 0.1 % budget 166.7 times over, the last 5 min not at all', () => {
    const state = stateOf(availability(), marchProbes());
    const [fast] = burnRatesAt({ objective: availability(), states: [state], calendar: alwaysCalendar, at: OUTAGE + 15 * MIN + 30_000 });
    expect(fast.long).toBeCloseTo(10 / 60 / 0.001, 9);
    expect(fast.short).toBe(0);
    expect(fast.firing).toBe(false);
  });
});
