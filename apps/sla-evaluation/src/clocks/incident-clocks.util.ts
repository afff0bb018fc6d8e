import {
  applicableObjectives,
  evaluateClock,
  incidentAttributesOf,
  nextClockDeadline,
  type AgreementKind,
  type ClockDeadline,
  type ClockResult,
  type EpochMs,
  type IncidentTimeline,
  type Priority,
} from '@underpin/domain';
import type { CompiledCatalog } from '../catalog/compiled-catalog.util';

/** One applicable objective's clock of one incident, evaluated at an instant. */
export interface IncidentClock {
  incident: string;
  agreement: string;
  objective: string;
  metric: string;
  kind: AgreementKind;
  /** The agreement's provider: for a segment objective, the party whose holding counts. */
  party: string;
  role: 'sla' | 'underpinning';
  priority: Priority;
  result: ClockResult;
  /** The next warning or breach this clock will cross if nothing changes; none unless running. */
  next: ClockDeadline | undefined;
}

/**
 * The instant a timeline is evaluated at: the runtime's time, but never before the latest
 * event received, so an event stamped a little ahead of this process's clock still counts.
 */
export function evaluationInstant(timeline: IncidentTimeline, now: EpochMs): EpochMs {
  return timeline.lastEventAt !== undefined && timeline.lastEventAt > now ? timeline.lastEventAt : now;
}

/**
 * Every clock of an incident: the SLA, OLA and UC objectives the catalogue applies to its
 * customer, service, current priority and the parties that held it, each on its own calendar
 * and with its own `pauseOn`. Parties count from the moment they receive the incident, so the
 * holders are read from the whole timeline rather than up to `now`.
 */
export function evaluateIncidentClocks(compiled: CompiledCatalog, timeline: IncidentTimeline, now: EpochMs): IncidentClock[] {
  if (timeline.status === 'new' || timeline.openedAt === undefined || timeline.incident === undefined) return [];
  const incident = timeline.incident;
  const applicable = applicableObjectives(compiled.catalog, incidentAttributesOf(timeline), timeline.openedAt);
  return applicable.map((entry) => {
    const input = { objective: entry.objective, party: entry.party, calendar: compiled.calendarOf(entry.objective.calendar), timeline, now };
    const next = nextClockDeadline(input);
    return {
      incident,
      agreement: entry.agreement.id,
      objective: entry.objective.id,
      metric: entry.objective.metric,
      kind: entry.agreement.kind,
      party: entry.party,
      role: entry.role,
      priority: entry.priority,
      result: evaluateClock(input),
      // A deadline is after `now` by contract; were it not, looking again a millisecond later
      // still makes progress where a timer due at once would be claimed again and again.
      next: next !== undefined && next.at <= now ? { ...next, at: now + 1 } : next,
    };
  });
}

/**
 * The earliest warning or breach a clock shows crossed after `horizon`: one the service has
 * not fired yet because it judged alerts only up to the events it had (a backlog). Its timer
 * is then due at once, so the timer loop fires it when the events before it are in.
 */
export function crossedAfter(clock: IncidentClock, horizon: EpochMs): ClockDeadline | undefined {
  const { result } = clock;
  for (const warning of result.warnings) {
    if (warning.threshold < 1 && warning.at > horizon) return { kind: 'warning', threshold: warning.threshold, at: warning.at };
  }
  if (result.breached && result.breachedAt !== undefined && result.breachedAt >= horizon) return { kind: 'breach', threshold: 1, at: result.breachedAt + 1 };
  return undefined;
}
