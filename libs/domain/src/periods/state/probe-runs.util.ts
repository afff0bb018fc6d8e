import type { EpochMs } from '../../catalog/catalog.model';
import type { ProbeState } from '../../catalog/events.model';
import type { ProbeRun } from './period-state.type';

// The runs of one vantage point. Whatever the order probes come in, the runs describe the
// same step function of time: at each instant the state of the latest probe at or before
// it, and where several probes share an instant, the worst of them. Runs are not unique
// (one order may leave two runs where another leaves one), the step function is.

const SEVERITY: Readonly<Record<ProbeState, number>> = { up: 0, degraded: 1, down: 2 };

/** Of two probes at one instant, the worse holds: down over degraded over up. */
export function worseState(a: ProbeState, b: ProbeState): ProbeState {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

function run(from: EpochMs, last: EpochMs, every: number | null, state: ProbeState): ProbeRun {
  return { from, last, every: from === last ? 0 : every, state };
}

/** Index of the last run starting at or before `at`, or -1. */
function lastStartingBy(runs: readonly ProbeRun[], at: EpochMs): number {
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].from <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Whether two neighbouring runs are one run of exactly known instants: same state, a gap the
 * missing-data limit allows, and the same spacing on both sides of it.
 */
function joinable(left: ProbeRun, right: ProbeRun, maxGap: number): boolean {
  if (left.state !== right.state || left.every === null || right.every === null) return false;
  const gap = right.from - left.last;
  return gap <= maxGap && (left.every === 0 || left.every === gap) && (right.every === 0 || right.every === gap);
}

/** Joins the run at `index` with its neighbours where they allow it; returns its new index. */
function joinAround(runs: ProbeRun[], index: number, maxGap: number): number {
  let i = index;
  if (i > 0 && joinable(runs[i - 1], runs[i], maxGap)) {
    const left = runs[i - 1];
    left.every = runs[i].from - left.last;
    left.last = runs[i].last;
    runs.splice(i, 1);
    i--;
  }
  if (i + 1 < runs.length && joinable(runs[i], runs[i + 1], maxGap)) {
    const here = runs[i];
    here.every = runs[i + 1].from - here.last;
    here.last = runs[i + 1].last;
    runs.splice(i + 1, 1);
  }
  return i;
}

/**
 * Adds one probe of one vantage point. `maxGap` is the missing-data limit in ms (Infinity
 * without one): runs never span a longer silence. Returns why the probe cannot be placed
 * exactly, or undefined once it is in.
 */
export function insertProbe(runs: ProbeRun[], at: EpochMs, state: ProbeState, maxGap: number): string | undefined {
  const n = runs.length;
  const tail = n > 0 ? runs[n - 1] : undefined;
  // In time order (a backtest, a live stream) every probe lands here.
  if (tail === undefined || at > tail.last) {
    if (tail !== undefined && tail.state === state && tail.every !== null) {
      const gap = at - tail.last;
      if (gap <= maxGap && (tail.every === 0 || tail.every === gap)) {
        tail.every = gap;
        tail.last = at;
        return undefined;
      }
    }
    runs.push({ from: at, last: at, every: 0, state });
    return undefined;
  }
  const i = lastStartingBy(runs, at);
  if (i >= 0 && at <= runs[i].last) return placeInside(runs, i, at, state, maxGap);
  runs.splice(i + 1, 0, { from: at, last: at, every: 0, state });
  joinAround(runs, i + 1, maxGap);
  return undefined;
}

/**
 * insertProbe for a caller whose probes of this vantage point come in time order (a
 * backtest): it settles as it goes, so jittered probes cost no more than regular ones. The
 * latest probe stays a run of its own (a second probe at its instant may still come); the one
 * before it joins the run before that when their state and the missing-data limit allow.
 */
export function appendProbe(runs: ProbeRun[], at: EpochMs, state: ProbeState, maxGap: number): string | undefined {
  const n = runs.length;
  const tail = n > 0 ? runs[n - 1] : undefined;
  if (tail === undefined || at <= tail.last) return insertProbe(runs, at, state, maxGap);
  const before = n > 1 ? runs[n - 2] : undefined;
  if (tail.every === 0 && before !== undefined && before.state === tail.state && tail.from - before.last <= maxGap) {
    // The single probe settles into the run before it; its object carries the new probe.
    if (before.every !== tail.from - before.last) before.every = null;
    before.last = tail.from;
    tail.from = at;
    tail.last = at;
    tail.state = state;
    return undefined;
  }
  const gap = at - tail.last;
  if (tail.state === state && tail.every !== null && gap <= maxGap && (tail.every === 0 || tail.every === gap)) {
    tail.every = gap;
    tail.last = at;
    return undefined;
  }
  runs.push({ from: at, last: at, every: 0, state });
  return undefined;
}

function placeInside(runs: ProbeRun[], i: number, at: EpochMs, state: ProbeState, maxGap: number): string | undefined {
  const r = runs[i];
  if (r.every === null) {
    // A probe like its neighbours changes nothing; at a known instant, a better one neither.
    if (state === r.state || ((at === r.from || at === r.last) && worseState(state, r.state) === r.state)) return undefined;
    return `a ${state} probe at ${new Date(at).toISOString()} falls inside a settled stretch of ${r.state} probes (${new Date(r.from).toISOString()} to ${new Date(r.last).toISOString()}), whose instants were let go`;
  }
  const every = r.every;
  const steps = every === 0 ? 0 : (at - r.from) / every;
  if (Number.isInteger(steps)) {
    // A second probe at a known instant: the worse of the two holds.
    const worse = worseState(state, r.state);
    if (worse === r.state) return undefined;
    const pieces: ProbeRun[] = [];
    if (at > r.from) pieces.push(run(r.from, at - every, every, r.state));
    pieces.push({ from: at, last: at, every: 0, state: worse });
    if (at < r.last) pieces.push(run(at + every, r.last, every, r.state));
    runs.splice(i, 1, ...pieces);
    normalizeAround(runs, i, pieces.length, maxGap);
    return undefined;
  }
  // Between two instants of the run: it splits there, whatever the state.
  const below = r.from + Math.floor(steps) * every;
  const pieces = [run(r.from, below, every, r.state), { from: at, last: at, every: 0, state }, run(below + every, r.last, every, r.state)];
  runs.splice(i, 1, ...pieces);
  normalizeAround(runs, i, 3, maxGap);
  return undefined;
}

/** Joins what can be joined among the `count` runs from `start` and their outer neighbours. */
function normalizeAround(runs: ProbeRun[], start: number, count: number, maxGap: number): void {
  for (let k = Math.min(runs.length - 1, start + count); k >= Math.max(0, start - 1); k--) {
    if (k < runs.length) joinAround(runs, k, maxGap);
  }
}

/**
 * Adds a run of another state of the same vantage point (merging two states). A run that
 * falls in a gap goes in whole; one whose instants are known goes in probe by probe; a
 * settled one absorbs runs of its own state it overlaps, and cannot overlap another state.
 */
export function insertRun(runs: ProbeRun[], added: ProbeRun, maxGap: number): string | undefined {
  if (added.every === 0) return insertProbe(runs, added.from, added.state, maxGap);
  const i = lastStartingBy(runs, added.last);
  const overlapsFrom = (k: number) => k >= 0 && runs[k].last >= added.from;
  if (!overlapsFrom(i)) {
    runs.splice(i + 1, 0, { ...added });
    if (added.every !== null) joinAround(runs, i + 1, maxGap);
    return undefined;
  }
  if (added.every !== null) {
    for (let at = added.from; at <= added.last; at += added.every) {
      const problem = insertProbe(runs, at, added.state, maxGap);
      if (problem) return problem;
    }
    return undefined;
  }
  let first = i;
  while (overlapsFrom(first - 1)) first--;
  for (let k = first; k <= i; k++) {
    if (runs[k].state !== added.state) {
      return `a settled stretch of ${added.state} probes (${new Date(added.from).toISOString()} to ${new Date(added.last).toISOString()}) overlaps ${runs[k].state} probes`;
    }
  }
  const merged: ProbeRun = { from: Math.min(added.from, runs[first].from), last: Math.max(added.last, runs[i].last), every: null, state: added.state };
  runs.splice(first, i - first + 1, merged);
  return undefined;
}

/**
 * Lets go of the instants of runs that lie wholly before `before`: neighbours of one state
 * within the missing-data limit become one settled run. The step function is unchanged; a
 * later probe of another state inside a settled run can no longer be placed, and is refused.
 */
export function settleRuns(runs: ProbeRun[], before: EpochMs, maxGap: number): void {
  let write = 0;
  for (let read = 0; read < runs.length; read++) {
    const next = runs[read];
    const kept = write > 0 ? runs[write - 1] : undefined;
    if (kept && next.last < before && kept.state === next.state && next.from - kept.last <= maxGap) {
      kept.last = next.last;
      kept.every = null;
    } else {
      runs[write++] = next;
    }
  }
  runs.length = write;
}
