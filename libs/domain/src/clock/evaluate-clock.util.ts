import type { EpochMs, ObjectiveSpec } from '../catalog/catalog.model';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { clockStart, clockStateAt, walkClock, type ClockBasis, type PieceSink } from './clock-walk.util';
import type { CalendarResolver, ClockDeadline, ClockInput, ClockResult, ClockWarning } from './clock.model';

/**
 * Counts a clock's pieces in whole milliseconds, so that sums of calendar seconds never
 * drift below a target by a rounding error, and records where thresholds were crossed.
 */
class ClockAccumulator implements PieceSink {
  calendar!: BusinessCalendar;
  countedMs = 0;
  targetMs = 0;
  dueAt: EpochMs | undefined = undefined;
  lastEnd: EpochMs | undefined = undefined;
  warnAt: readonly number[] = [];
  nextWarning = 0;
  warnings: ClockWarning[] = [];

  reset(calendar: BusinessCalendar, targetMs: number, warnAt: readonly number[]): void {
    this.calendar = calendar;
    this.countedMs = 0;
    this.targetMs = targetMs;
    this.dueAt = undefined;
    this.lastEnd = undefined;
    this.warnAt = warnAt;
    this.nextWarning = 0;
    this.warnings = [];
  }

  piece(from: EpochMs, to: EpochMs): void {
    const ms = Math.round(this.calendar.countSeconds(from, to) * 1000);
    const after = this.countedMs + ms;
    while (this.nextWarning < this.warnAt.length) {
      const goal = thresholdMs(this.warnAt[this.nextWarning], this.targetMs);
      if (after < goal) break;
      this.warnings.push({ threshold: this.warnAt[this.nextWarning], at: this.reach(from, goal) });
      this.nextWarning++;
    }
    if (this.dueAt === undefined && after >= this.targetMs) this.dueAt = this.reach(from, this.targetMs);
    this.countedMs = after;
    this.lastEnd = to;
  }

  private reach(from: EpochMs, goalMs: number): EpochMs {
    return Math.round(this.calendar.addSeconds(from, (goalMs - this.countedMs) / 1000));
  }
}

const scratch = new ClockAccumulator();
const NO_PAUSES: readonly string[] = [];

function thresholdMs(threshold: number, targetMs: number): number {
  return Math.round(threshold * targetMs);
}

export function clockBasisOf(objective: ObjectiveSpec): ClockBasis {
  switch (objective.metric) {
    case 'response_time':
      return 'response';
    case 'resolution_time':
      return 'resolution';
    case 'handover_time':
    case 'restore_time':
      return 'segment';
    default:
      throw new RangeError(`objective ${objective.id}: metric ${objective.metric} is not measured by an incident clock`);
  }
}

function targetMsOf(objective: ObjectiveSpec): number {
  if (objective.target.unit !== 'seconds') {
    throw new RangeError(`objective ${objective.id}: target must be a duration, got ${objective.target.unit}`);
  }
  return Math.round(objective.target.value * 1000);
}

function partyOf(input: ClockInput, basis: ClockBasis): string | undefined {
  if (basis === 'segment' && (input.party === undefined || input.party === '')) {
    throw new RangeError(`party: objective ${input.objective.id} (${input.objective.metric}) is measured per party; name its provider`);
  }
  return input.party;
}

/** Response clocks know no pauses: a first response is a first response. */
function pauseOnOf(objective: ObjectiveSpec, basis: ClockBasis): readonly string[] {
  return basis === 'response' ? NO_PAUSES : objective.pauseOn;
}

/**
 * Evaluates one objective's incident clock at `now`: response (opened → first
 * acknowledged), resolution (open stretches minus listed pauses, reopened time included)
 * or one party's segments (handover_time / restore_time), counted on the given calendar.
 * The target is the objective's whatever the incident's priority was before: after a
 * reprioritization the caller evaluates the new priority's objective over the same
 * timeline, so it counts from `opened` and keeps the paused time.
 */
export function evaluateClock(input: ClockInput): ClockResult {
  const { objective, calendar, timeline, now } = input;
  const basis = clockBasisOf(objective);
  const party = partyOf(input, basis);
  const pauseOn = pauseOnOf(objective, basis);
  const targetMs = targetMsOf(objective);
  const acc = scratch;
  acc.reset(calendar, targetMs, objective.warnAt);
  walkClock(timeline, basis, party, pauseOn, now, acc);
  const state = clockStateAt(timeline, basis, party, pauseOn, now);
  // A share of nothing (a zero target) is consumed the instant the clock starts, before any
  // time is counted: no piece reports it when the clock is read at its start.
  if (state !== 'pending' && acc.nextWarning < acc.warnAt.length && thresholdMs(acc.warnAt[acc.nextWarning], targetMs) <= acc.countedMs) {
    const start = clockStart(timeline, basis, party) ?? now;
    while (acc.nextWarning < acc.warnAt.length && thresholdMs(acc.warnAt[acc.nextWarning], targetMs) <= acc.countedMs) {
      acc.warnings.push({ threshold: acc.warnAt[acc.nextWarning], at: start });
      acc.nextWarning++;
    }
  }
  const countedMs = acc.countedMs;
  let dueAt = acc.dueAt;
  if (dueAt === undefined && state !== 'pending') {
    const anchor = state === 'stopped' ? (acc.lastEnd ?? clockStart(timeline, basis, party) ?? now) : now;
    dueAt = Math.round(calendar.addSeconds(anchor, (targetMs - countedMs) / 1000));
  }
  const breached = countedMs > targetMs;
  const result: ClockResult = {
    state,
    elapsedSeconds: countedMs / 1000,
    targetSeconds: targetMs / 1000,
    remainingSeconds: countedMs >= targetMs ? 0 : (targetMs - countedMs) / 1000,
    dueAt,
    breached,
    warnings: acc.warnings,
  };
  if (breached) result.breachedAt = dueAt;
  return result;
}

/**
 * The next instant after `now` at which a running clock fires something: its next warning
 * threshold, else its breach — the first millisecond at which counted time exceeds the
 * target, when `evaluateClock` starts to report `breached`. A durable timer schedules it
 * and re-evaluates when it fires; any new event reschedules. Paused, stopped and pending
 * clocks fire nothing until an event changes them; a breached clock has nothing left.
 */
export function nextClockDeadline(input: ClockInput): ClockDeadline | undefined {
  const result = evaluateClock(input);
  if (result.state !== 'running' || result.breached) return undefined;
  const { objective, calendar, now } = input;
  const countedMs = Math.round(result.elapsedSeconds * 1000);
  const targetMs = Math.round(result.targetSeconds * 1000);
  for (const threshold of objective.warnAt) {
    const goal = thresholdMs(threshold, targetMs);
    if (goal > countedMs) return { at: Math.round(calendar.addSeconds(now, (goal - countedMs) / 1000)), kind: 'warning', threshold };
  }
  return { at: Math.round(calendar.addSeconds(now, (targetMs - countedMs + 1) / 1000)), kind: 'breach', threshold: 1 };
}

/** Evaluates an objective on the calendar it names, for the party its agreement's provider is. */
export function evaluateObjectiveClock(
  applicable: { objective: ObjectiveSpec; party: string },
  timeline: ClockInput['timeline'],
  calendarOf: CalendarResolver,
  now: EpochMs,
): ClockResult {
  return evaluateClock({ objective: applicable.objective, party: applicable.party, calendar: calendarOf(applicable.objective.calendar), timeline, now });
}
