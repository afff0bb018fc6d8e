import { attributeIncident } from '../attribution/attribute-incident.util';
import type { Catalog, EpochMs } from '../catalog/catalog.model';
import { applicableObjectives, findObjective, incidentAttributesOf } from '../clock/applicable-objectives.util';
import type { CalendarResolver } from '../clock/clock.model';
import { evaluateClock } from '../clock/evaluate-clock.util';
import type { IncidentTimeline } from '../clock/incident-timeline.model';
import type { IncidentResult } from '../credits/credit.type';
import type { BacktestIncident } from './backtest.type';
import { isoInstant } from './instant-format.util';

export interface MeasuredIncidents {
  /** The report: one entry per incident and SLA time objective. */
  entries: BacktestIncident[];
  /** What credits and exit triggers read: the SLA entries and every OLA/UC segment, once each. */
  results: IncidentResult[];
}

/**
 * Measures each incident against the SLA response and resolution objectives in force when
 * it opened, for its current priority, splitting each SLA clock over the parties that held
 * the incident and their own OLA/UC objectives.
 */
export function evaluateIncidents(
  catalog: Catalog,
  timelines: readonly IncidentTimeline[],
  calendarOf: CalendarResolver,
  now: EpochMs,
): MeasuredIncidents {
  const entries: BacktestIncident[] = [];
  const results: IncidentResult[] = [];
  const seenSegments = new Set<string>();
  for (const timeline of timelines) {
    const incident = timeline.incident as string;
    const openedAt = timeline.openedAt as EpochMs;
    const resolvedAt = timeline.status === 'resolved' || timeline.status === 'closed' ? (timeline.resolvedAt ?? null) : null;
    const applicable = applicableObjectives(catalog, incidentAttributesOf(timeline, now), openedAt);
    for (const sla of applicable) {
      if (sla.role !== 'sla') continue;
      const { clock, segments } = attributeIncident({ catalog, sla: sla.ref, timeline, calendarOf, now });
      entries.push({
        incident,
        agreement: sla.agreement.id,
        objective: sla.objective.id,
        priority: sla.priority,
        elapsedSeconds: clock.elapsedSeconds,
        targetSeconds: clock.targetSeconds,
        dueAt: clock.dueAt === undefined ? null : isoInstant(clock.dueAt),
        breached: clock.breached,
        segments,
      });
      results.push({
        agreement: sla.agreement.id,
        incident,
        objective: sla.objective.id,
        elapsedSeconds: clock.elapsedSeconds,
        targetSeconds: clock.targetSeconds,
        breached: clock.breached,
        dueAt: clock.dueAt ?? null,
        resolvedAt,
      });
      for (const segment of segments) {
        const key = `${segment.agreement}/${segment.objective}`;
        if (seenSegments.has(`${incident}\u0000${key}`)) continue;
        seenSegments.add(`${incident}\u0000${key}`);
        results.push({
          agreement: segment.agreement,
          incident,
          objective: segment.objective,
          elapsedSeconds: segment.elapsedSeconds,
          targetSeconds: segment.targetSeconds,
          breached: segment.breached,
          // Only a breach has a due time anyone reads (exit triggers count incidents past it).
          dueAt: segment.breached ? segmentDueAt(catalog, segment, timeline, calendarOf, now) : null,
          resolvedAt,
        });
      }
    }
  }
  return { entries, results };
}

function segmentDueAt(
  catalog: Catalog,
  segment: { party: string; agreement: string; objective: string },
  timeline: IncidentTimeline,
  calendarOf: CalendarResolver,
  now: EpochMs,
): EpochMs | null {
  const found = findObjective(catalog, segment);
  if (!found) return null;
  const clock = evaluateClock({ objective: found.objective, party: segment.party, calendar: calendarOf(found.objective.calendar), timeline, now });
  return clock.dueAt ?? null;
}
