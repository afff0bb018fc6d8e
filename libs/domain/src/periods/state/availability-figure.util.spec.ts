import { alwaysCalendar } from '../../calendar';
import type { ObjectiveSpec } from '../../catalog/catalog.model';
import type { ProbeSample, ProbeState } from '../../catalog/events.model';
import { objective } from '@underpin/testing';
import { periodFromKey } from '../period.util';
import { availabilityFigure } from './availability-figure.util';
import type { AvailabilityFigure, AvailabilityState } from './period-state.type';
import { addPeriodCarryIn, addSamples, createPeriodState, periodCarryOut, periodFigure, settlePeriodState } from './period-state.util';

const march = periodFromKey('2026-03', 'UTC');
const february = periodFromKey('2026-02', 'UTC');
const MARCH_SECONDS = 31 * 86_400;
const utc = (text: string) => Date.parse(text);

function availabilityObjective(terms: Partial<ObjectiveSpec> = {}): ObjectiveSpec {
  return objective({ id: 'availability', metric: 'availability', target: { unit: 'ratio', value: 0.9995 }, direction: 'atLeast', ...terms });
}

function probe(time: string, state: ProbeState, vantage?: string): ProbeSample {
  return { type: 'probe', at: utc(time), service: 'video', region: 'eu-north', ok: state !== 'down', state, ...(vantage === undefined ? {} : { vantage }) };
}

/** March, or the given stretch of it, with the probes added. */
function measure(terms: Partial<ObjectiveSpec>, probes: ProbeSample[], range: { from?: string; to?: string } = {}): AvailabilityFigure {
  const state = createPeriodState(availabilityObjective(terms), {
    service: 'video',
    region: 'eu-north',
    period: march,
    from: range.from === undefined ? undefined : utc(range.from),
    to: range.to === undefined ? undefined : utc(range.to),
  });
  const outcome = addSamples(state, probes);
  expect(outcome.refused).toEqual([]);
  return periodFigure(state, { calendar: alwaysCalendar }) as AvailabilityFigure;
}

describe('vantage points and quorum', () => {
  // Three vantage points on 10 March: a down 10:00–10:30, b down 10:10–10:20, c down 10:15–10:45.
  const probes = [
    probe('2026-03-10T10:00:00Z', 'down', 'a'),
    probe('2026-03-10T10:30:00Z', 'up', 'a'),
    probe('2026-03-10T10:10:00Z', 'down', 'b'),
    probe('2026-03-10T10:20:00Z', 'up', 'b'),
    probe('2026-03-10T10:15:00Z', 'down', 'c'),
    probe('2026-03-10T10:45:00Z', 'up', 'c'),
  ];

  it('with the default quorum of 1, the region is down while any vantage point is: 10:00–10:45', () => {
    const figure = measure({}, probes);
    expect(figure.downSeconds).toBe(45 * 60);
    expect(figure.measured).toBe(1 - 2700 / MARCH_SECONDS);
  });

  it('with quorum 2, only while two are down at once: 10:10–10:30 (a+b, a+b+c, a+c)', () => {
    expect(measure({ quorum: 2 }, probes).downSeconds).toBe(20 * 60);
    expect(measure({ quorum: 3 }, probes).downSeconds).toBe(5 * 60);
  });

  it('measuredFrom leaves the other vantage points out: a and c together 10:15–10:30', () => {
    const state = createPeriodState(availabilityObjective({ measuredFrom: ['a', 'c'], quorum: 2 }), { service: 'video', region: 'eu-north', period: march });
    expect(addSamples(state, probes)).toEqual({ counted: 4, ignored: 2, refused: [] });
    expect((periodFigure(state, { calendar: alwaysCalendar }) as AvailabilityFigure).downSeconds).toBe(15 * 60);
  });

  it('takes probes without a vantage point as one implicit vantage point, the plain rule', () => {
    const plain = [probe('2026-03-10T10:00:00Z', 'down'), probe('2026-03-10T10:07:00Z', 'up')];
    expect(measure({}, plain).downSeconds).toBe(420);
    // With a named point beside it, the implicit one is one vote among two.
    expect(measure({ quorum: 2 }, [...plain, probe('2026-03-10T10:05:00Z', 'down', 'a'), probe('2026-03-10T10:06:00Z', 'up', 'a')]).downSeconds).toBe(60);
  });
});

describe('missing data', () => {
  // One hour (00:00–01:00 on 1 March), missing after 5 min. Probes: up 00:00, 00:04, 00:20,
  // down 00:22, up 00:40. Each holds 5 min at most:
  //   00:00–00:09 up · 00:09–00:20 missing (11 min) · 00:20–00:22 up · 00:22–00:27 down ·
  //   00:27–00:40 missing (13 min) · 00:40–00:45 up · 00:45–01:00 missing (15 min)
  // missing 39 min of 60: coverage 21/60 = 0.35, whatever the gaps count as.
  const probes = [
    probe('2026-03-01T00:00:00Z', 'up'),
    probe('2026-03-01T00:04:00Z', 'up'),
    probe('2026-03-01T00:20:00Z', 'up'),
    probe('2026-03-01T00:22:00Z', 'down'),
    probe('2026-03-01T00:40:00Z', 'up'),
  ];
  const hour = { to: '2026-03-01T01:00:00Z' };
  const rule = (counts: 'up' | 'down' | 'excluded') => ({ missingData: { after: 300, counts } });

  it('counts gaps as up: down 5 min of 60', () => {
    const figure = measure(rule('up'), probes, hour);
    expect([figure.downSeconds, figure.measuredSeconds, figure.missingSeconds]).toEqual([300, 3600, 39 * 60]);
    expect(figure.measured).toBe(1 - 300 / 3600);
    expect(figure.coverage).toBe(1 - 2340 / 3600);
  });

  it('counts gaps as down: 00:09–00:20, 00:22–00:40 and 00:45–01:00, 44 min of 60', () => {
    const figure = measure(rule('down'), probes, hour);
    expect(figure.downSeconds).toBe(44 * 60);
    expect(figure.measured).toBe(1 - 2640 / 3600);
  });

  it('excludes gaps from both sides: down 5 min of the 21 measured', () => {
    const figure = measure(rule('excluded'), probes, hour);
    expect([figure.excludedSeconds, figure.measuredSeconds, figure.downSeconds]).toEqual([2340, 1260, 300]);
    expect(figure.measured).toBe(1 - 300 / 1260);
  });

  it('holds every result until the next probe without the rule: coverage 1', () => {
    const figure = measure({}, probes, hour);
    expect([figure.downSeconds, figure.coverage]).toEqual([18 * 60, 1]);
  });

  it('excludes an instant when fewer vantage points have data than the quorum', () => {
    // a reports every 5 min all hour; b once, down at 00:00, then falls silent at 00:05.
    const a = Array.from({ length: 12 }, (_, i) => probe(`2026-03-01T00:${String(i * 5).padStart(2, '0')}:00Z`, 'up', 'a'));
    const b = [probe('2026-03-01T00:00:00Z', 'down', 'b')];
    const terms = { missingData: { after: 300, counts: 'excluded' as const } };
    // quorum 1: down 00:00–00:05 (b), then judged on a alone; coverage (60 + 5) / 120.
    const one = measure(terms, [...a, ...b], hour);
    expect([one.downSeconds, one.excludedSeconds, one.coverage]).toEqual([300, 0, 1 - 3300 / 7200]);
    // quorum 2: b alone cannot make it down; from 00:05 one vote is too few, so excluded.
    const two = measure({ ...terms, quorum: 2 }, [...a, ...b], hour);
    expect([two.downSeconds, two.excludedSeconds, two.measuredSeconds, two.measured]).toEqual([0, 3300, 300, 1]);
  });
});

describe('degraded', () => {
  // 10 March: degraded 10:00–10:30, down 11:00–11:10.
  const probes = [
    probe('2026-03-10T10:00:00Z', 'degraded'),
    probe('2026-03-10T10:30:00Z', 'up'),
    probe('2026-03-10T11:00:00Z', 'down'),
    probe('2026-03-10T11:10:00Z', 'up'),
  ];

  it('counts as up by default and as degradedCounts of down when given: 600 + 0.5 × 1800 s', () => {
    const plain = measure({}, probes);
    expect([plain.downSeconds, plain.degradedSeconds, plain.measured]).toEqual([600, 1800, 1 - 600 / MARCH_SECONDS]);
    expect(measure({ degradedCounts: 0.5 }, probes).measured).toBe(1 - 1500 / MARCH_SECONDS);
  });

  it('refuses a probe whose ok contradicts its state', () => {
    const state = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: march });
    const outcome = addSamples(state, [{ ...probe('2026-03-10T10:00:00Z', 'degraded'), ok: false }, { ...probe('2026-03-10T10:00:00Z', 'up'), ok: false }]);
    expect(outcome.refused.map((r) => r.reason)).toEqual([
      'ok: false contradicts state degraded (ok is false exactly when the state is down)',
      'ok: false contradicts state up (ok is false exactly when the state is down)',
    ]);
  });

  it('with a quorum, a region is degraded when down and degraded points together reach it', () => {
    // quorum 2 of a, b, c: a down 10:00–10:20, b degraded 10:10–10:30, a and b down 10:40–10:50.
    //   10:10–10:20 one down + one degraded → degraded (10 min); 10:40–10:50 two down → down.
    const figure = measure({ quorum: 2, degradedCounts: 0.5 }, [
      probe('2026-03-10T10:00:00Z', 'down', 'a'),
      probe('2026-03-10T10:20:00Z', 'up', 'a'),
      probe('2026-03-10T10:10:00Z', 'degraded', 'b'),
      probe('2026-03-10T10:30:00Z', 'up', 'b'),
      probe('2026-03-10T10:40:00Z', 'down', 'a'),
      probe('2026-03-10T10:40:00Z', 'down', 'b'),
      probe('2026-03-10T10:50:00Z', 'up', 'a'),
      probe('2026-03-10T10:50:00Z', 'up', 'b'),
      probe('2026-03-10T09:00:00Z', 'up', 'c'),
    ]);
    expect([figure.downSeconds, figure.degradedSeconds]).toEqual([600, 600]);
    expect(figure.measured).toBe(1 - 900 / MARCH_SECONDS);
  });
});

describe('period boundaries and late probes', () => {
  it('starts in the state the previous period ended in, and a later probe before the start replaces it', () => {
    const feb = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: february });
    addSamples(feb, [probe('2026-02-28T23:50:00Z', 'down')]);
    const mar = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: march });
    addSamples(mar, [probe('2026-03-01T00:20:00Z', 'up')]);
    addPeriodCarryIn(mar, periodCarryOut(feb));
    expect(availabilityFigure(mar as AvailabilityState, alwaysCalendar).downSeconds).toBe(20 * 60);
    // A late up probe of 23:55 reaches March too (added to every later state): March starts up.
    addSamples(mar, [probe('2026-02-28T23:55:00Z', 'up')]);
    expect(availabilityFigure(mar as AvailabilityState, alwaysCalendar).downSeconds).toBe(0);
  });

  it('places a late probe between the ones around it: down 10:05:30–10:06 in a run of minutes', () => {
    const minutes = Array.from({ length: 11 }, (_, i) => probe(`2026-03-10T10:${String(i).padStart(2, '0')}:00Z`, 'up'));
    const state = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: march });
    addSamples(state, minutes);
    addSamples(state, [probe('2026-03-10T10:05:30Z', 'down')]);
    expect((periodFigure(state, { calendar: alwaysCalendar }) as AvailabilityFigure).downSeconds).toBe(30);
    // A second probe for 10:06 saying down: the worse of the two holds, down to 10:07.
    addSamples(state, [probe('2026-03-10T10:06:00Z', 'down')]);
    expect((periodFigure(state, { calendar: alwaysCalendar }) as AvailabilityFigure).downSeconds).toBe(90);
  });

  it('gives the value so far of a running period with until, and never changes a figure by settling', () => {
    const state = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: march });
    addSamples(state, [probe('2026-03-02T00:00:00Z', 'down'), probe('2026-03-02T01:00:00Z', 'up'), probe('2026-03-02T12:00:00Z', 'up')]);
    const sofar = periodFigure(state, { calendar: alwaysCalendar, until: utc('2026-03-03T00:00:00Z') }) as AvailabilityFigure;
    expect([sofar.to, sofar.downSeconds, sofar.measuredSeconds]).toEqual([utc('2026-03-03T00:00:00Z'), 3600, 2 * 86_400]);
    const before = JSON.stringify(periodFigure(state, { calendar: alwaysCalendar }));
    settlePeriodState(state, utc('2026-03-03T00:00:00Z'));
    expect(JSON.stringify(periodFigure(state, { calendar: alwaysCalendar }))).toBe(before);
  });

  it('ignores probes from the end of the stretch on and refuses probes of another region', () => {
    const state = createPeriodState(availabilityObjective(), { service: 'video', region: 'eu-north', period: march });
    const outcome = addSamples(state, [probe('2026-04-01T00:00:00Z', 'down'), { ...probe('2026-03-05T00:00:00Z', 'down'), region: 'na-east' }]);
    expect(outcome).toEqual({ counted: 0, ignored: 1, refused: [{ index: 1, reason: 'region: the state measures eu-north, got na-east' }] });
  });
});
