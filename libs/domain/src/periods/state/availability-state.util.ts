import type { EpochMs, ObjectiveSpec } from '../../catalog/catalog.model';
import type { ProbeSample, ProbeState } from '../../catalog/events.model';
import { InvalidPeriodInputException } from '../invalid-period-input.exception';
import { ownValue, setOwn, sortedKeys } from './own-keys.util';
import {
  IMPLICIT_VANTAGE,
  PERIOD_STATE_FORMAT,
  type AvailabilityState,
  type AvailabilityTerms,
  type CarriedProbe,
  type PeriodStateBase,
  type VantageTimeline,
} from './period-state.type';
import { appendProbe, insertProbe, insertRun, settleRuns, worseState } from './probe-runs.util';

/** The objective's measurement-integrity terms, defaults applied; checked, since a figure rests on them. */
export function availabilityTerms(objective: ObjectiveSpec): AvailabilityTerms {
  const field = (name: string) => `objectives.${objective.id}.${name}`;
  const quorum = objective.quorum ?? 1;
  if (!Number.isInteger(quorum) || quorum < 1) throw new InvalidPeriodInputException(field('quorum'), `expected a whole number from 1, got ${quorum}`);
  const degradedCounts = objective.degradedCounts ?? 0;
  if (!(degradedCounts >= 0 && degradedCounts <= 1)) {
    throw new InvalidPeriodInputException(field('degradedCounts'), `expected a share from 0 to 1, got ${degradedCounts}`);
  }
  const missing = objective.missingData;
  if (missing && !(Number.isFinite(missing.after) && missing.after > 0)) {
    throw new InvalidPeriodInputException(field('missingData.after'), `expected a duration above 0 seconds, got ${missing.after}`);
  }
  if (missing && !['up', 'down', 'excluded'].includes(missing.counts)) {
    throw new InvalidPeriodInputException(field('missingData.counts'), `expected up, down or excluded, got ${String(missing.counts)}`);
  }
  return {
    measuredFrom: objective.measuredFrom ? [...new Set(objective.measuredFrom)].sort() : null,
    quorum,
    missingData: missing ? { after: missing.after, counts: missing.counts } : null,
    degradedCounts,
  };
}

/** The missing-data limit in ms; Infinity when a result holds until the next probe. */
export function maxGapOf(terms: AvailabilityTerms): number {
  return terms.missingData ? Math.round(terms.missingData.after * 1000) : Infinity;
}

export function createAvailabilityState(base: Omit<PeriodStateBase, 'format'>, terms: AvailabilityTerms): AvailabilityState {
  return { format: PERIOD_STATE_FORMAT, ...base, metric: 'availability', terms, vantages: {} };
}

/**
 * What a probe says: `state` when given (it must agree with `ok`: false exactly when down),
 * else `ok`. Undefined when the probe says nothing clear (probeStateProblem says why).
 */
export function probeStateOf(probe: Pick<ProbeSample, 'ok' | 'state'>): ProbeState | undefined {
  const { ok, state } = probe;
  if (state === undefined) return ok === true ? 'up' : ok === false ? 'down' : undefined;
  if (state !== 'up' && state !== 'down' && state !== 'degraded') return undefined;
  return ok === undefined || ok === (state !== 'down') ? state : undefined;
}

export function probeStateProblem(probe: Pick<ProbeSample, 'ok' | 'state'>): string {
  const { ok, state } = probe;
  if (state === undefined) return `ok: expected true or false, got ${String(ok)}`;
  if (state !== 'up' && state !== 'down' && state !== 'degraded') return `state: expected up, down or degraded, got ${String(state)}`;
  return `ok: ${String(ok)} contradicts state ${state} (ok is false exactly when the state is down)`;
}

function timelineOf(state: AvailabilityState, vantage: string): VantageTimeline {
  let timeline = ownValue(state.vantages, vantage);
  if (timeline === undefined) {
    timeline = { carryIn: null, runs: [] };
    setOwn(state.vantages, vantage, timeline);
  }
  return timeline;
}

/** A later probe, or a worse one at the same instant, replaces the carried one. */
function carry(timeline: VantageTimeline, probe: CarriedProbe): void {
  const held = timeline.carryIn;
  if (held === null || probe.at > held.at) timeline.carryIn = { at: probe.at, state: probe.state };
  else if (probe.at === held.at) held.state = worseState(held.state, probe.state);
}

export type ProbeOutcome = 'counted' | 'ignored' | { refused: string };

/**
 * Adds one probe. One before the stretch is a candidate for the state the period starts in;
 * one from its end on, or from a vantage point the objective does not measure from, is ignored.
 */
export function addProbe(state: AvailabilityState, probe: ProbeSample): ProbeOutcome {
  const at = probe.at;
  if (typeof at !== 'number' || !Number.isFinite(at)) return { refused: `at: expected epoch milliseconds, got ${String(at)}` };
  const seen = probeStateOf(probe);
  if (seen === undefined) return { refused: probeStateProblem(probe) };
  if (probe.service !== state.service) return { refused: `service: the state measures ${state.service}, got ${String(probe.service)}` };
  if (state.region !== null && probe.region !== state.region) return { refused: `region: the state measures ${state.region}, got ${String(probe.region)}` };
  const vantage = probe.vantage ?? IMPLICIT_VANTAGE;
  if (typeof vantage !== 'string') return { refused: `vantage: expected a vantage point id, got ${String(vantage)}` };
  return recordProbe(state, vantage, at, seen);
}

/**
 * addProbe once the probe is known to be valid and of the state's service and region.
 * `inOrder`: the caller adds each vantage point's probes in time order and settles as it goes
 * (see appendProbe); the figure is the same either way.
 */
export function recordProbe(state: AvailabilityState, vantage: string, at: EpochMs, seen: ProbeState, inOrder = false): ProbeOutcome {
  const terms = state.terms;
  if (terms.measuredFrom !== null && !terms.measuredFrom.includes(vantage)) return 'ignored';
  if (at >= state.to) return 'ignored';
  const timeline = timelineOf(state, vantage);
  if (at < state.from) {
    carry(timeline, { at, state: seen });
    return 'counted';
  }
  const problem = (inOrder ? appendProbe : insertProbe)(timeline.runs, at, seen, maxGapOf(terms));
  return problem === undefined ? 'counted' : { refused: problem };
}

/** Each vantage point's latest probe up to the end of the stretch: what the next period starts in. */
export function availabilityCarryOut(state: AvailabilityState): Record<string, CarriedProbe> {
  const out: Record<string, CarriedProbe> = {};
  for (const vantage of sortedKeys(state.vantages)) {
    const timeline = state.vantages[vantage];
    const last = timeline.runs[timeline.runs.length - 1];
    const latest = last ? { at: last.last, state: last.state } : timeline.carryIn;
    if (latest) setOwn(out, vantage, { ...latest });
  }
  return out;
}

/**
 * Takes the probes carried from before the stretch (another period's carry-out). Idempotent
 * and order-free: the latest probe per vantage point wins.
 */
export function addAvailabilityCarryIn(state: AvailabilityState, carried: Record<string, CarriedProbe>): void {
  for (const vantage of sortedKeys(carried)) {
    const probe = carried[vantage];
    if (state.terms.measuredFrom !== null && !state.terms.measuredFrom.includes(vantage)) continue;
    if (!(probe.at < state.from)) {
      throw new InvalidPeriodInputException(`carryIn.${vantage}.at`, `a carried probe must come before the stretch (${state.from}), got ${probe.at}`);
    }
    carry(timelineOf(state, vantage), probe);
  }
}

/** Adds everything `other` holds to `into`; returns what could not be placed exactly. */
export function mergeAvailabilityStates(into: AvailabilityState, other: AvailabilityState): string[] {
  const problems: string[] = [];
  const maxGap = maxGapOf(into.terms);
  for (const vantage of sortedKeys(other.vantages)) {
    const source = other.vantages[vantage];
    const target = timelineOf(into, vantage);
    if (source.carryIn) carry(target, source.carryIn);
    for (const run of source.runs) {
      const problem = insertRun(target.runs, run, maxGap);
      if (problem) problems.push(`vantage ${JSON.stringify(vantage)}: ${problem}`);
    }
  }
  return problems;
}

/** Lets go of the instants of probes before `before` (see settleRuns). */
export function settleAvailabilityState(state: AvailabilityState, before: EpochMs): void {
  const maxGap = maxGapOf(state.terms);
  for (const vantage of Object.keys(state.vantages)) settleRuns(state.vantages[vantage].runs, before, maxGap);
}

/** How many runs the state holds over all vantage points: its size. */
export function probeRunCount(state: AvailabilityState): number {
  let n = 0;
  for (const vantage of Object.keys(state.vantages)) n += state.vantages[vantage].runs.length;
  return n;
}
