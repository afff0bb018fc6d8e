import type { EpochMs, MissingDataRule } from '../../catalog/catalog.model';
import type { ProbeState } from '../../catalog/events.model';
import { maxGapOf } from './availability-state.util';
import { IMPLICIT_VANTAGE, type AvailabilityState, type VantageTimeline } from './period-state.type';

// Status codes of a vantage point at an instant, and of the region.
const UP = 0;
const DEGRADED = 1;
const DOWN = 2;
/** A vantage point silent for longer than the missing-data limit. */
const MISSING = 3;
/** The region, when too few vantage points have data to judge it (missingData counts: excluded). */
const EXCLUDED = 4;

const CODE: Readonly<Record<ProbeState, number>> = { up: UP, degraded: DEGRADED, down: DOWN };

export type RegionStatus = 'down' | 'degraded' | 'excluded';
const REGION_STATUS: Record<number, RegionStatus | undefined> = { [DOWN]: 'down', [DEGRADED]: 'degraded', [EXCLUDED]: 'excluded' };

export interface StatusStretch {
  from: EpochMs;
  to: EpochMs;
  status: RegionStatus;
}

export interface AvailabilitySweep {
  /** The region's stretches that are not up, maximal and in time order. */
  region: StatusStretch[];
  /** Per vantage point (in id order), its stretches without data, maximal and in time order. */
  missing: Array<Array<{ from: EpochMs; to: EpochMs }>>;
}

/**
 * A vantage point's status over [from, to) as change points `[at, status, at, status, …]`,
 * the first at `from`. Each probe holds until the next one, or with a missing-data limit until
 * that long after it; before the first probe (and without a carried one) the time is up, or
 * without data when the objective has a missing-data rule.
 */
function changePoints(timeline: VantageTimeline | undefined, from: EpochMs, to: EpochMs, maxGap: number): number[] {
  const points: number[] = [];
  const put = (at: EpochMs, status: number) => {
    if (at >= to) return;
    const t = at > from ? at : from;
    const n = points.length;
    if (n > 0 && points[n - 2] === t) points[n - 1] = status;
    else if (n > 0 && points[n - 1] === status) return;
    else points.push(t, status);
    // An overwrite may leave two equal neighbours.
    const m = points.length;
    if (m >= 4 && points[m - 3] === points[m - 1]) points.length = m - 2;
  };
  const limited = Number.isFinite(maxGap);
  const carried = timeline?.carryIn ?? null;
  const runs = timeline?.runs ?? [];
  if (carried === null) put(from, limited ? MISSING : UP);
  else {
    put(carried.at, CODE[carried.state]);
    const next = runs.length > 0 ? runs[0].from : to;
    if (limited && carried.at + maxGap < next) put(carried.at + maxGap, MISSING);
  }
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    put(run.from, CODE[run.state]);
    const next = i + 1 < runs.length ? runs[i + 1].from : to;
    if (limited && run.last + maxGap < next) put(run.last + maxGap, MISSING);
  }
  return points;
}

/** The vantage points a figure is judged over: those the objective names, else those seen. */
export function vantagesOf(state: AvailabilityState): string[] {
  if (state.terms.measuredFrom !== null) return state.terms.measuredFrom;
  const seen = Object.keys(state.vantages).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return seen.length > 0 ? seen : [IMPLICIT_VANTAGE];
}

/**
 * The region at each instant, from its vantage points' votes: down when at least `quorum`
 * are down; degraded when at least `quorum` are down or degraded; else up. A silent vantage
 * point votes as the missing-data rule says (up or down), or abstains (excluded), and when
 * fewer than `quorum` vote the instant is excluded. With one vantage point and the default
 * quorum of 1 this is that point's own state.
 */
function regionStatus(down: number, degraded: number, voting: number, abstaining: number, quorum: number): number {
  if (abstaining > 0 && voting < quorum) return EXCLUDED;
  if (down >= quorum) return DOWN;
  if (down + degraded >= quorum) return DEGRADED;
  return UP;
}

function voteOf(status: number, rule: MissingDataRule | null): number {
  if (status !== MISSING) return status;
  const counts = rule?.counts;
  return counts === 'down' ? DOWN : counts === 'up' ? UP : MISSING;
}

/** Where the state's region was down, degraded, excluded or without data within [from, to). */
export function sweepAvailability(state: AvailabilityState, from: EpochMs, to: EpochMs): AvailabilitySweep {
  const { quorum, missingData } = state.terms;
  const maxGap = maxGapOf(state.terms);
  const vantages = vantagesOf(state);
  const lists = vantages.map((vantage) => changePoints(Object.prototype.hasOwnProperty.call(state.vantages, vantage) ? state.vantages[vantage] : undefined, state.from, state.to, maxGap));
  const missing = lists.map((points) => missingStretches(points, from, to, state.to));

  // Every instant where some vantage point changes, with the changes made there.
  const changes: Array<[number, number, number]> = [];
  lists.forEach((points, v) => {
    for (let i = 0; i < points.length; i += 2) changes.push([points[i], v, points[i + 1]]);
  });
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const votes = new Array<number>(vantages.length).fill(UP);
  const tally = [0, 0, 0, 0];
  tally[UP] = vantages.length;
  const region: StatusStretch[] = [];
  let current = UP;
  let since = from;
  const close = (at: EpochMs) => {
    const status = REGION_STATUS[current];
    const start = since > from ? since : from;
    const end = at < to ? at : to;
    if (status !== undefined && end > start) region.push({ from: start, to: end, status });
  };
  for (let i = 0; i < changes.length; ) {
    const at = changes[i][0];
    if (at >= to) break;
    for (; i < changes.length && changes[i][0] === at; i++) {
      const v = changes[i][1];
      tally[votes[v]]--;
      votes[v] = voteOf(changes[i][2], missingData);
      tally[votes[v]]++;
    }
    const status = regionStatus(tally[DOWN], tally[DEGRADED], vantages.length - tally[MISSING], tally[MISSING], quorum);
    if (status !== current) {
      close(at);
      current = status;
      since = at;
    }
  }
  close(to);
  return { region, missing };
}

function missingStretches(points: readonly number[], from: EpochMs, to: EpochMs, end: EpochMs): Array<{ from: EpochMs; to: EpochMs }> {
  const out: Array<{ from: EpochMs; to: EpochMs }> = [];
  for (let i = 0; i < points.length; i += 2) {
    if (points[i + 1] !== MISSING) continue;
    const start = Math.max(points[i], from);
    const stop = Math.min(i + 2 < points.length ? points[i + 2] : end, to);
    if (stop > start) out.push({ from: start, to: stop });
  }
  return out;
}
