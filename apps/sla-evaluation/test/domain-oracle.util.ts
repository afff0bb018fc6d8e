import {
  applicableObjectives,
  buildIncidentTimeline,
  catalogCalendars,
  evaluateClock,
  incidentAttributesOf,
  type Catalog,
  type ClockResult,
  type IncidentEvent,
} from '@underpin/domain';

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
  dueAt: number;
}

/** What the domain says every applicable clock of these incidents is at `now`. */
export function domainClocks(catalog: Catalog, events: readonly IncidentEvent[], now: number): Map<string, ClockResult> {
  const calendarOf = catalogCalendars(catalog);
  const clocks = new Map<string, ClockResult>();
  for (const incident of new Set(events.map((event) => event.incident))) {
    const built = buildIncidentTimeline(events.filter((event) => event.incident === incident && event.at <= now));
    if (!built.ok) throw new Error(built.error.message);
    const timeline = built.state;
    for (const entry of applicableObjectives(catalog, incidentAttributesOf(timeline), timeline.openedAt!)) {
      const result = evaluateClock({ objective: entry.objective, party: entry.party, calendar: calendarOf(entry.objective.calendar), timeline, now });
      clocks.set(`${incident} ${entry.agreement.id}/${entry.objective.id}`, result);
    }
  }
  return clocks;
}

/** Every alert the incidents' clocks cross over their whole timelines, in firing order. */
export function expectedAlerts(catalog: Catalog, events: readonly IncidentEvent[], end: number): ExpectedAlert[] {
  const alerts: ExpectedAlert[] = [];
  for (const [key, result] of domainClocks(catalog, events, end)) {
    const [incident, ref] = key.split(' ');
    const [agreement, objective] = ref.split('/');
    for (const warning of result.warnings) {
      alerts.push({ incident, agreement, objective, kind: 'warning', threshold: warning.threshold, at: warning.at, fireAt: warning.at, dueAt: result.dueAt! });
    }
    if (result.breached) {
      alerts.push({ incident, agreement, objective, kind: 'breach', threshold: 1, at: result.breachedAt!, fireAt: result.breachedAt! + 1, dueAt: result.dueAt! });
    }
  }
  return alerts.sort((a, b) => a.fireAt - b.fireAt || a.incident.localeCompare(b.incident) || a.agreement.localeCompare(b.agreement) || a.objective.localeCompare(b.objective));
}
