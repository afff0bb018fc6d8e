import type { ProbeRun } from './period-state.type';
import { appendProbe, insertProbe, insertRun, settleRuns, worseState } from './probe-runs.util';

const MIN = 60_000;
const T = Date.parse('2026-03-10T10:00:00Z');
const at = (minutes: number) => T + minutes * MIN;

function runsOf(probes: Array<[number, 'up' | 'down' | 'degraded']>, maxGap = Infinity): ProbeRun[] {
  const runs: ProbeRun[] = [];
  for (const [minutes, state] of probes) expect(insertProbe(runs, at(minutes), state, maxGap)).toBeUndefined();
  return runs;
}

describe(insertProbe.name, () => {
  it('extends one run while probes of one state keep their spacing', () => {
    const runs = runsOf([0, 1, 2, 3, 4].map((m) => [m, 'up']));
    expect(runs).toEqual([{ from: at(0), last: at(4), every: MIN, state: 'up' }]);
  });

  it('starts a new run where the state or the spacing changes, or the gap passes the missing-data limit', () => {
    expect(runsOf([[0, 'up'], [1, 'up'], [3, 'up']])).toHaveLength(2);
    expect(runsOf([[0, 'up'], [1, 'down']])).toHaveLength(2);
    expect(runsOf([[0, 'up'], [6, 'up']], 5 * MIN)).toEqual([
      { from: at(0), last: at(0), every: 0, state: 'up' },
      { from: at(6), last: at(6), every: 0, state: 'up' },
    ]);
  });

  it('splits a run where a late probe of another state falls between two of its probes', () => {
    // Up every minute 10:00–10:10; a down probe arrives late for 10:05:30.
    const runs = runsOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => [m, 'up']));
    expect(insertProbe(runs, at(5.5), 'down', Infinity)).toBeUndefined();
    expect(runs).toEqual([
      { from: at(0), last: at(5), every: MIN, state: 'up' },
      { from: at(5.5), last: at(5.5), every: 0, state: 'down' },
      { from: at(6), last: at(10), every: MIN, state: 'up' },
    ]);
  });

  it('keeps the worse of two probes at one instant, in either order', () => {
    const upFirst = runsOf([[0, 'up'], [1, 'up'], [2, 'up'], [1, 'down']]);
    const downFirst = runsOf([[0, 'up'], [1, 'down'], [2, 'up'], [1, 'up']]);
    expect(upFirst).toEqual(downFirst);
    expect(upFirst.map((r) => r.state)).toEqual(['up', 'down', 'up']);
    expect(worseState('degraded', 'up')).toBe('degraded');
    expect(worseState('degraded', 'down')).toBe('down');
  });

  it('joins the pieces back when the gap a late probe fills restores the spacing', () => {
    // 10:00, 10:02 and 10:04 up, then 10:01 and 10:03 arrive: one run every minute.
    const runs = runsOf([[0, 'up'], [2, 'up'], [4, 'up'], [1, 'up'], [3, 'up']]);
    expect(runs.map((r) => [r.from, r.last])).toEqual([[at(0), at(4)]]);
  });
});

describe(settleRuns.name, () => {
  // Irregular probes (a real scheduler's jitter) cannot share one spaced run.
  const jittered = (): ProbeRun[] => {
    const runs: ProbeRun[] = [];
    for (const ms of [0, 67_000, 121_000, 179_000]) insertProbe(runs, T + ms, 'up', Infinity);
    return runs;
  };

  it('merges neighbours of one state before the instant into one settled run', () => {
    const runs = jittered();
    expect(runs.length).toBeGreaterThan(1);
    settleRuns(runs, T + 180_000, Infinity);
    expect(runs).toEqual([{ from: T, last: T + 179_000, every: null, state: 'up' }]);
  });

  it('refuses a probe of another state inside a settled run, and takes one of the same state or outside it', () => {
    const runs = jittered();
    settleRuns(runs, T + 180_000, Infinity);
    expect(insertProbe(runs, T + 90_000, 'down', Infinity)).toMatch(/falls inside a settled stretch of up probes/);
    expect(insertProbe(runs, T + 90_000, 'up', Infinity)).toBeUndefined();
    expect(insertProbe(runs, T + 179_000, 'up', Infinity)).toBeUndefined();
    expect(insertProbe(runs, T + 240_000, 'down', Infinity)).toBeUndefined();
    expect(runs).toHaveLength(2);
  });

  it('does not merge across a gap longer than the missing-data limit', () => {
    const runs: ProbeRun[] = [];
    for (const ms of [0, 70_000, 400_000, 430_000]) insertProbe(runs, T + ms, 'up', 300_000);
    settleRuns(runs, T + 500_000, 300_000);
    expect(runs.map((r) => [r.from - T, r.last - T])).toEqual([
      [0, 70_000],
      [400_000, 430_000],
    ]);
  });
});

describe(insertRun.name, () => {
  it('puts a run that falls in a gap in whole, and one that overlaps probe by probe', () => {
    const runs = runsOf([[0, 'up'], [1, 'up']]);
    expect(insertRun(runs, { from: at(2), last: at(4), every: MIN, state: 'up' }, Infinity)).toBeUndefined();
    expect(runs).toEqual([{ from: at(0), last: at(4), every: MIN, state: 'up' }]);
    expect(insertRun(runs, { from: at(1.5), last: at(2.5), every: MIN, state: 'down' }, Infinity)).toBeUndefined();
    expect(runs.map((r) => r.state)).toEqual(['up', 'down', 'up', 'down', 'up']);
  });

  it('lets a settled run absorb probes of its own state and refuses it over another state', () => {
    const runs = runsOf([[0, 'up'], [1, 'up'], [10, 'down']]);
    expect(insertRun(runs, { from: at(0.5), last: at(3), every: null, state: 'up' }, Infinity)).toBeUndefined();
    expect(runs[0]).toEqual({ from: at(0), last: at(3), every: null, state: 'up' });
    expect(insertRun(runs, { from: at(9), last: at(11), every: null, state: 'up' }, Infinity)).toMatch(/overlaps down probes/);
  });
});

describe(appendProbe.name, () => {
  it('settles probes that come in order as it goes: jittered minutes cost a run per change of state', () => {
    const runs: ProbeRun[] = [];
    const jitter = [0, 1_100, 380, 1_900, 40, 720, 1_500, 10, 999, 450];
    jitter.forEach((ms, i) => appendProbe(runs, at(i) + ms, i >= 4 && i < 7 ? 'down' : 'up', Infinity));
    expect(runs).toEqual([
      { from: at(0), last: at(3) + 1_900, every: null, state: 'up' },
      { from: at(4) + 40, last: at(6) + 1_500, every: null, state: 'down' },
      { from: at(7) + 10, last: at(8) + 999, every: MIN + 989, state: 'up' },
      { from: at(9) + 450, last: at(9) + 450, every: 0, state: 'up' },
    ]);
    // A second probe at the latest instant is still placed exactly: the worse holds.
    expect(appendProbe(runs, at(9) + 450, 'down', Infinity)).toBeUndefined();
    expect(runs[3].state).toBe('down');
  });

  it('keeps regular probes as one exactly spaced run', () => {
    const runs: ProbeRun[] = [];
    for (let i = 0; i < 5; i++) appendProbe(runs, at(i), 'up', Infinity);
    expect(runs).toEqual([{ from: at(0), last: at(4), every: MIN, state: 'up' }]);
  });
});
