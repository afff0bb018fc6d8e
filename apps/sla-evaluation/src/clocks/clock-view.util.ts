import type { ClockModel, ClockWarningModel } from '../graphql/schema.type';
import type { IncidentClock } from './incident-clocks.util';

/** A fired warning as read from the alerts table. */
export interface FiredWarning {
  incident: string;
  agreement: string;
  objective: string;
  threshold: number;
  at: Date;
  firedAt: Date;
}

const date = (at: number | undefined): Date | null => (at === undefined ? null : new Date(at));

export function toClockModel(clock: IncidentClock, fired: readonly FiredWarning[]): ClockModel {
  const { result } = clock;
  const warnings: ClockWarningModel[] = fired
    .filter((w) => w.incident === clock.incident && w.agreement === clock.agreement && w.objective === clock.objective)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.threshold - b.threshold)
    .map((w) => ({ threshold: w.threshold, at: w.at, firedAt: w.firedAt }));
  return {
    agreement: clock.agreement,
    objective: clock.objective,
    metric: clock.metric,
    kind: clock.kind,
    party: clock.party,
    priority: clock.priority,
    state: result.state,
    elapsedSeconds: result.elapsedSeconds,
    remainingSeconds: result.remainingSeconds,
    targetSeconds: result.targetSeconds,
    dueAt: date(result.dueAt),
    breached: result.breached,
    breachedAt: date(result.breachedAt),
    warnings,
    nextAlert: clock.next === undefined ? null : { kind: clock.next.kind, threshold: clock.next.threshold, at: new Date(clock.next.at) },
  };
}

/**
 * What is left of an incident's budget: the least remaining time among its clocks still
 * counting or paused (a breached one has none left). Stopped clocks are settled and pending
 * ones have not started, so neither says how urgent the incident is now.
 */
export function remainingBudget(clocks: readonly ClockModel[]): number | null {
  let least: number | null = null;
  for (const clock of clocks) {
    if (clock.state !== 'running' && clock.state !== 'paused') continue;
    if (least === null || clock.remainingSeconds < least) least = clock.remainingSeconds;
  }
  return least;
}

/** Soonest due first; clocks without a due time (pending) last, in catalogue order. */
export function byDueTime(clocks: readonly ClockModel[]): ClockModel[] {
  return clocks
    .map((clock, index) => ({ clock, index }))
    .sort((a, b) => (a.clock.dueAt?.getTime() ?? Infinity) - (b.clock.dueAt?.getTime() ?? Infinity) || a.index - b.index)
    .map(({ clock }) => clock);
}

/** Where an entry stands in a queue: its remaining budget, its soonest due time (Infinity for none), its id. */
export interface QueueKey {
  remaining: number;
  soonest: number;
  id: string;
}

export function queueKeyOf(entry: { id: string; remainingSeconds: number | null; deadlines: readonly ClockModel[] }): QueueKey {
  return {
    remaining: entry.remainingSeconds ?? Infinity,
    soonest: Math.min(Infinity, ...entry.deadlines.map((clock) => clock.dueAt?.getTime() ?? Infinity)),
    id: entry.id,
  };
}

/** Least remaining budget first; nothing counting last; then soonest due, then id. */
export function compareQueueKeys(a: QueueKey, b: QueueKey): number {
  return compareNumbers(a.remaining, b.remaining) || compareNumbers(a.soonest, b.soonest) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Least remaining budget first; incidents with nothing counting last; then soonest due, then id. */
export function queueOrder<T extends { id: string; remainingSeconds: number | null; deadlines: readonly ClockModel[] }>(entries: readonly T[]): T[] {
  return entries
    .map((entry) => ({ entry, key: queueKeyOf(entry) }))
    .sort((a, b) => compareQueueKeys(a.key, b.key))
    .map(({ entry }) => entry);
}

// Infinity − Infinity is NaN: equal infinities must compare equal, not unordered.
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
