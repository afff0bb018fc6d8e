import fc from 'fast-check';
import { AvailabilitySeries } from '../../backtest/availability-series.util';
import type { BusinessCalendar } from '../../calendar/business-calendar.type';
import { alwaysCalendar, compileCalendar } from '../../calendar';
import type { EpochMs, ObjectiveSpec } from '../../catalog/catalog.model';
import type { CallQualitySample, ProbeSample, ProbeState } from '../../catalog/events.model';
import { CallQualityAccumulator } from '../call-quality-accumulator.util';
import { objective } from '@underpin/testing';
import { nearestRank } from '../percentile.util';
import { periodOf, periodsBetween } from '../period.util';
import { WeeklyUtcCalendar } from '@underpin/testing';
import { availabilityTerms } from './availability-state.util';
import type { AvailabilityFigure, PeriodState } from './period-state.type';
import { addSamples, clonePeriodState, createPeriodState, mergePeriodStates, periodFigure, settlePeriodState } from './period-state.util';

const MIN = 60_000;
// Shortly before the turn of the month (in UTC and in Stockholm), so runs cross period boundaries.
const START = Date.parse('2026-02-28T21:30:00Z');

const officeSe = compileCalendar(
  { id: 'office-se', timezone: 'Europe/Stockholm', weekly: [0, 1, 2, 3, 4].map((day) => ({ day: day as 0, startMinute: 480, endMinute: 960 })), holidays: ['2026-03-02'] },
  { exclusions: [{ id: 'thu-evening', timezone: 'Europe/Stockholm', weekly: [{ day: 3, startMinute: 900, endMinute: 960 }], oneOff: [] }] },
);
const CALENDARS: BusinessCalendar[] = [alwaysCalendar, officeSe, new WeeklyUtcCalendar([0, 1, 2, 3, 4].map((d): [number, string] => [d, '07:00-17:30']))];

function probeOf(at: EpochMs, state: ProbeState, vantage: string): ProbeSample {
  return { type: 'probe', at, service: 'video', region: 'eu-north', ok: state !== 'down', state, ...(vantage === '' ? {} : { vantage }) };
}

/**
 * Probes of a few vantage points over about six weeks from late February: mostly a minute
 * apart in runs of one state (what schedulers send), now and then jittered, a long silence,
 * or a second probe at the same instant.
 */
const probesArb = fc
  .array(
    fc.record({
      gap: fc.oneof(
        { weight: 6, arbitrary: fc.constant(MIN) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 * MIN }) },
        { weight: 1, arbitrary: fc.integer({ min: MIN, max: 6 * 86_400_000 }) },
      ),
      change: fc.integer({ min: 0, max: 9 }),
      state: fc.constantFrom<ProbeState>('up', 'down', 'degraded'),
      vantage: fc.constantFrom('', 'a', 'b'),
      /** Another probe of the same vantage point at the same instant, saying this. */
      twin: fc.option(fc.constantFrom<ProbeState>('up', 'down', 'degraded'), { freq: 8 }),
    }),
    { maxLength: 150, size: 'max' },
  )
  .map((steps) => {
    let at = START;
    let state: ProbeState = 'up';
    return steps.flatMap((step) => {
      at += step.gap;
      if (step.change < 3) state = step.state;
      const probe = probeOf(at, state, step.vantage);
      return step.twin === null ? [probe] : [probe, probeOf(at, step.twin, step.vantage)];
    });
  });

const termsArb: fc.Arbitrary<Partial<ObjectiveSpec>> = fc.record(
  {
    measuredFrom: fc.constantFrom(['a', 'b'], ['a'], ['b', 'c']),
    quorum: fc.integer({ min: 1, max: 3 }),
    missingData: fc.record({ after: fc.integer({ min: 60, max: 900 }), counts: fc.constantFrom<'up' | 'down' | 'excluded'>('up', 'down', 'excluded') }),
    degradedCounts: fc.constantFrom(0, 0.25, 1),
  },
  { requiredKeys: [] },
);

function availabilityObjective(terms: Partial<ObjectiveSpec>, window: 'month' | 'quarter' = 'month'): ObjectiveSpec {
  return objective({ id: 'availability', metric: 'availability', target: { unit: 'ratio', value: 0.999 }, direction: 'atLeast', window, ...terms });
}

/** The in-order path: the backtest's series, probes sorted by time. */
function backtestFigures(spec: ObjectiveSpec, probes: ProbeSample[], calendar: BusinessCalendar, timezone: string) {
  const series = new AvailabilitySeries({ calendar, window: spec.window, timezone, lower: -Infinity, upper: Infinity, fromLower: false, terms: availabilityTerms(spec) });
  const sorted = [...probes].sort((a, b) => a.at - b.at);
  for (const probe of sorted) series.addProbe(probe);
  return series.results(sorted.length ? sorted[sorted.length - 1].at : START);
}

/** A state per period the probes reach, each given every probe (the earlier ones set its start). */
function liveStates(spec: ObjectiveSpec, batches: ProbeSample[][], timezone: string, until: EpochMs): PeriodState[] {
  const periods = periodsBetween(START, until + 1, spec.window, timezone);
  const states = periods.map((period) => createPeriodState(spec, { service: 'video', region: 'eu-north', period }));
  for (const batch of batches) for (const state of states) expect(addSamples(state, batch).refused).toEqual([]);
  return states;
}

/** Cuts a list into batches at the given points. */
function batched<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const point of [...points, items.length]) {
    out.push(items.slice(from, point));
    from = point;
  }
  return out;
}

const figureOf = (state: PeriodState, calendar: BusinessCalendar) => periodFigure(state, { calendar }) as AvailabilityFigure;

describe('period states: availability', () => {
  /** Probes, and the same probes in another order, each sent to one of three parts, cut into batches. */
  const deliveries = probesArb.chain((probes) =>
    fc.record({
      probes: fc.constant(probes),
      shuffled: fc.shuffledSubarray(probes, { minLength: probes.length, maxLength: probes.length }),
      parts: fc.array(fc.nat({ max: 2 }), { minLength: probes.length, maxLength: probes.length }),
      cuts: fc.array(fc.nat({ max: probes.length }), { maxLength: 6 }),
    }),
  );

  it('give the figure of the in-order backtest for any order, batching and split into merged states', () => {
    fc.assert(
      fc.property(deliveries, termsArb, fc.constantFrom(...CALENDARS.keys()), fc.constantFrom('UTC', 'Europe/Stockholm'), ({ probes, shuffled, parts, cuts }, terms, calendarIndex, timezone) => {
        const calendar = CALENDARS[calendarIndex];
        const spec = availabilityObjective(terms);
        const expected = backtestFigures(spec, probes, calendar, timezone);
        const until = probes.length ? Math.max(...probes.map((p) => p.at)) : START;
        // Split into up to three parts (partitions, a replay beside the stream), then merged.
        const lists = [0, 1, 2].map((k) => shuffled.filter((_, i) => parts[i] === k));
        const partStates = lists.map((list) => liveStates(spec, batched(list, cuts), timezone, until));
        const merged = partStates[0];
        for (const other of partStates.slice(1)) merged.forEach((state, i) => expect(mergePeriodStates(state, other[i])).toEqual([]));
        const byPeriod = new Map(merged.map((state) => [state.period, figureOf(state, calendar)]));
        for (const result of expected) {
          const live = byPeriod.get(result.period) as AvailabilityFigure;
          expect([live.measuredSeconds, live.downSeconds, live.coverage]).toEqual([result.measuredSeconds, result.downSeconds, result.coverage]);
          expect(Object.is(live.measured, result.value)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('survive a JSON round trip: the same state, the same figure, and the same after more probes', () => {
    fc.assert(
      fc.property(probesArb, termsArb, fc.nat(), (probes, terms, cut) => {
        const spec = availabilityObjective(terms);
        const period = periodOf(Date.parse('2026-03-10T00:00:00Z'), 'month', 'UTC');
        const state = createPeriodState(spec, { service: 'video', region: 'eu-north', period });
        const split = cut % (probes.length + 1);
        addSamples(state, probes.slice(0, split));
        const copy = JSON.parse(JSON.stringify(state)) as PeriodState;
        expect(copy).toEqual(state);
        expect(figureOf(copy, officeSe)).toEqual(figureOf(state, officeSe));
        addSamples(state, probes.slice(split));
        addSamples(copy, probes.slice(split));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(state));
      }),
      { numRuns: 100 },
    );
  });

  it('never change a figure by settling, and refuse only what settling made unplaceable', () => {
    fc.assert(
      fc.property(probesArb, termsArb, fc.nat(), fc.integer({ min: 0, max: 40 * 86_400_000 }), (probes, terms, cut, settleAt) => {
        const spec = availabilityObjective(terms, 'quarter');
        const period = periodOf(Date.parse('2026-03-10T00:00:00Z'), 'quarter', 'UTC');
        const plain = createPeriodState(spec, { service: 'video', region: 'eu-north', period });
        const settled = clonePeriodState(plain);
        const split = cut % (probes.length + 1);
        addSamples(plain, probes);
        addSamples(settled, probes.slice(0, split));
        settlePeriodState(settled, START + settleAt);
        const late = addSamples(settled, probes.slice(split));
        if (late.refused.length === 0) expect(figureOf(settled, alwaysCalendar)).toEqual(figureOf(plain, alwaysCalendar));
        else for (const refusal of late.refused) expect(refusal.reason).toMatch(/settled stretch/);
        // Settling a complete state never changes its figure.
        const before = figureOf(plain, officeSe);
        settlePeriodState(plain, START + settleAt);
        expect(figureOf(plain, officeSe)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

/** The in-order evaluation the period states replaced, kept as the oracle of the default terms. */
function previousAvailability(probes: ReadonlyArray<{ at: EpochMs; ok: boolean }>, from: EpochMs, to: EpochMs, calendar: BusinessCalendar) {
  let down = false;
  let downSince = from;
  let sum = 0;
  for (const probe of probes) {
    if (probe.at >= to) break;
    const start = probe.at > from ? probe.at : from;
    if (down && probe.ok) sum += calendar.countSeconds(downSince, start);
    else if (!down && !probe.ok) downSince = start;
    down = !probe.ok;
  }
  if (down) sum += calendar.countSeconds(downSince, to);
  const measuredSeconds = calendar.countSeconds(from, to);
  const downSeconds = Math.min(sum, measuredSeconds);
  return { measuredSeconds, downSeconds, value: measuredSeconds > 0 ? 1 - downSeconds / measuredSeconds : 1 };
}

describe('period states with the default terms', () => {
  it('give the previous figures to the last bit on random probe streams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.oneof(fc.constant(MIN), fc.integer({ min: 1, max: 3 * 86_400_000 })), ok: fc.boolean() }), { maxLength: 150, size: 'max' }),
        fc.constantFrom(...CALENDARS.keys()),
        fc.constantFrom('month' as const, 'quarter' as const),
        fc.constantFrom('UTC', 'Europe/Stockholm'),
        (steps, calendarIndex, window, timezone) => {
          let at = START;
          const probes = steps.map((s) => ({ ...probeOf((at += s.gap), s.ok ? 'up' : 'down', ''), state: undefined }));
          const calendar = CALENDARS[calendarIndex];
          for (const result of backtestFigures(availabilityObjective({}, window), probes, calendar, timezone)) {
            const previous = previousAvailability(probes, result.from, result.to, calendar);
            expect(Object.is(result.value, previous.value)).toBe(true);
            expect([result.measuredSeconds, result.downSeconds]).toEqual([previous.measuredSeconds, previous.downSeconds]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  const callSamples = fc.array(
    fc.record({
      minute: fc.integer({ min: 0, max: 60 * 24 * 50 }),
      call: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
      latencyMs: fc.option(fc.oneof(fc.integer({ min: 1, max: 900 }), fc.double({ min: 0, max: 2000, noNaN: true, noDefaultInfinity: true })), { nil: undefined }),
      lossPercent: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
      mos: fc.option(fc.integer({ min: 100, max: 500 }).map((n) => n / 100), { nil: undefined }),
      setupFailed: fc.option(fc.boolean(), { nil: undefined }),
      region: fc.constantFrom('eu-north', 'eu-west'),
    }),
    { maxLength: 200, size: 'max' },
  );

  it('give the previous call figures: latency, lossy intervals of equal length and setups exactly, MOS within rounding', () => {
    const metrics: Array<Parameters<typeof objective>[0]> = [
      { id: 'latency', metric: 'latency_p95', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost' },
      { id: 'loss', metric: 'lossy_interval_ratio', target: { unit: 'ratio', value: 0.005 }, direction: 'atMost', lossAbove: 0.02 },
      { id: 'mos', metric: 'mos_avg', target: { unit: 'score', value: 3.8 }, direction: 'atLeast' },
      { id: 'setup', metric: 'call_setup_failure_ratio', target: { unit: 'ratio', value: 0.01 }, direction: 'atMost' },
    ];
    fc.assert(
      fc.property(callSamples, fc.constantFrom(...metrics.keys()), fc.boolean(), fc.constantFrom(10, 7.5), (rows, m, perRegion, interval) => {
        const spec = objective({ ...metrics[m], perRegion });
        const samples: CallQualitySample[] = rows.map((r) => ({
          type: 'call.quality',
          at: START + r.minute * MIN,
          service: 'video',
          region: r.region,
          call: r.call,
          latencyMs: r.latencyMs,
          lossPercent: r.lossPercent,
          intervalSeconds: interval,
          mos: r.mos,
          setupFailed: r.setupFailed,
        }));
        const accumulator = new CallQualityAccumulator({ objective: spec, timezone: 'UTC' });
        samples.forEach((s) => accumulator.add(s));
        for (const result of accumulator.results()) {
          const group = samples.filter((s) => periodOf(s.at, spec.window, 'UTC').key === result.period && (!perRegion || s.region === result.region));
          const previous = previousCallFigure(spec, group);
          if (spec.metric === 'mos_avg') expect(Math.abs(result.measured - previous)).toBeLessThanOrEqual(1e-12);
          else expect(Object.is(result.measured, previous)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('period states: call quality', () => {
  const metrics: Array<Parameters<typeof objective>[0]> = [
    { id: 'latency', metric: 'latency_p98', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost' },
    { id: 'loss', metric: 'lossy_interval_ratio', target: { unit: 'ratio', value: 0.005 }, direction: 'atMost', lossAbove: 0.01 },
    { id: 'mos', metric: 'mos_avg', target: { unit: 'score', value: 3.8 }, direction: 'atLeast' },
    { id: 'setup', metric: 'call_setup_failure_ratio', target: { unit: 'ratio', value: 0.01 }, direction: 'atMost' },
  ];
  const sample = fc.record({
    at: fc.integer({ min: 0, max: 31 * 86_400_000 - 1 }).map((ms) => Date.parse('2026-03-01T00:00:00Z') + ms),
    call: fc.constantFrom('c1', 'c2', '__proto__', 'constructor'),
    latencyMs: fc.option(fc.double({ min: 0, max: 2000, noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
    lossPercent: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
    intervalSeconds: fc.option(fc.double({ min: 0.5, max: 30, noNaN: true }), { nil: undefined }),
    mos: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: undefined }),
    setupFailed: fc.option(fc.boolean(), { nil: undefined }),
  });
  const deliveries = fc.array(sample, { maxLength: 150, size: 'max' }).chain((rows) =>
    fc.record({
      rows: fc.constant(rows),
      shuffled: fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      parts: fc.array(fc.nat({ max: 2 }), { minLength: rows.length, maxLength: rows.length }),
    }),
  );

  it('give one figure for any order and split into merged states, and survive a JSON round trip', () => {
    fc.assert(
      fc.property(deliveries, fc.constantFrom(...metrics.keys()), ({ rows, shuffled, parts }, m) => {
        const spec = objective(metrics[m]);
        const period = periodOf(Date.parse('2026-03-10T00:00:00Z'), 'month', 'UTC');
        const asSamples = (list: typeof rows): CallQualitySample[] => list.map((r) => ({ type: 'call.quality', service: 'video', region: 'eu-north', ...r }));
        const inOrder = createPeriodState(spec, { service: 'video', region: 'eu-north', period });
        addSamples(inOrder, asSamples([...rows].sort((a, b) => a.at - b.at)));
        const states = [0, 1, 2].map((k) => {
          const state = createPeriodState(spec, { service: 'video', region: 'eu-north', period });
          addSamples(state, asSamples(shuffled.filter((_, i) => parts[i] === k)));
          return JSON.parse(JSON.stringify(state)) as PeriodState;
        });
        states.slice(1).forEach((state) => mergePeriodStates(states[0], state));
        const expected = periodFigure(inOrder);
        expect(periodFigure(states[0])).toEqual(expected);
        expect(Object.is(periodFigure(states[0]).measured, expected.measured)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** The previous in-order call figures: sorted samples, counted intervals, a running sum. */
function previousCallFigure(spec: ObjectiveSpec, samples: readonly CallQualitySample[]): number {
  if (spec.metric === 'latency_p95') {
    const values = Float64Array.from(samples.flatMap((s) => (s.latencyMs === undefined ? [] : [s.latencyMs]))).sort();
    return nearestRank(values, 95) as number;
  }
  if (spec.metric === 'lossy_interval_ratio') {
    const losses = samples.flatMap((s) => (s.lossPercent === undefined ? [] : [s.lossPercent]));
    return losses.filter((loss) => loss > 2 + 1e-9).length / losses.length;
  }
  if (spec.metric === 'mos_avg') {
    const scores = samples.flatMap((s) => (s.mos === undefined ? [] : [s.mos]));
    let sum = 0;
    for (const score of scores) sum += score;
    return sum / scores.length;
  }
  const calls = new Map<string, boolean>();
  for (const s of samples) if (s.setupFailed !== undefined) calls.set(s.call, calls.get(s.call) === true || s.setupFailed);
  return [...calls.values()].filter(Boolean).length / calls.size;
}
