import {
  applicableObjectives,
  catalogCalendars,
  evaluateClock,
  incidentAlerts,
  incidentAttributesOf,
  type Catalog,
  type ClockResult,
  type IncidentEvent,
} from '@underpin/domain';
import { timelineOf } from '@underpin/testing';

/** A warning or breach as the domain computes it from the whole timeline. */
export interface ExpectedAlert {
  incident: string;
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  threshold: number;
  /** When the threshold is crossed. */
  at: number;
  /** The instant the service must fire it: the breach is the first millisecond past the target. */
  fireAt: number;
  /** The due time as it stood when the threshold was crossed. */
  dueAt: number;
}

/** What the domain says every applicable clock of these incidents is at `now`. */
export function domainClocks(catalog: Catalog, events: readonly IncidentEvent[], now: number): Map<string, ClockResult> {
  const calendarOf = catalogCalendars(catalog);
  const clocks = new Map<string, ClockResult>();
  for (const incident of new Set(events.map((event) => event.incident))) {
    const timeline = timelineOf(events.filter((event) => event.incident === incident && event.at <= now));
    for (const entry of applicableObjectives(catalog, incidentAttributesOf(timeline), timeline.openedAt!)) {
      const result = evaluateClock({ objective: entry.objective, party: entry.party, calendar: calendarOf(entry.objective.calendar), timeline, now });
      clocks.set(`${incident} ${entry.agreement.id}/${entry.objective.id}`, result);
    }
  }
  return clocks;
}

/**
 * Every alert that happened to the incidents by `end`, as the domain judges it from their
 * whole timelines under one catalogue, in firing order.
 */
export function expectedAlerts(catalog: Catalog, events: readonly IncidentEvent[], end: number, revision = 'meetings-r1'): ExpectedAlert[] {
  const version = { revision, from: Number.NEGATIVE_INFINITY, catalog, calendarOf: catalogCalendars(catalog) };
  const alerts: ExpectedAlert[] = [];
  for (const incident of new Set(events.map((event) => event.incident))) {
    for (const alert of incidentAlerts(timelineOf(events.filter((event) => event.incident === incident)), [version], end)) {
      alerts.push({ incident, agreement: alert.agreement, objective: alert.objective, kind: alert.kind, threshold: alert.threshold, at: alert.at, fireAt: alert.kind === 'breach' ? alert.at + 1 : alert.at, dueAt: alert.dueAt });
    }
  }
  return alerts.sort((a, b) => a.fireAt - b.fireAt || a.incident.localeCompare(b.incident) || a.agreement.localeCompare(b.agreement) || a.objective.localeCompare(b.objective));
}
