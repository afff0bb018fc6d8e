import {
  applyIncidentEvent,
  buildIncidentTimeline,
  emptyIncidentTimeline,
  restoreIncidentTimeline,
  type IncidentEvent,
  type IncidentTimeline,
} from '@underpin/domain';

/** An event the timeline rules refused, kept with the reason rather than dropped silently. */
export interface RejectedEvent {
  event: IncidentEvent;
  code: string;
  message: string;
}

/** What the service keeps of an incident: the events it accepted and the timeline they build. */
export interface IncidentRecord {
  events: IncidentEvent[];
  timeline: IncidentTimeline;
  rejected: RejectedEvent[];
}

export function emptyIncidentRecord(): IncidentRecord {
  return { events: [], timeline: emptyIncidentTimeline(), rejected: [] };
}

/**
 * Reads a record back from storage. The stored timeline is restored to the reducer's shape;
 * a row written before timelines were stored is rebuilt from its events.
 */
export function restoreIncidentRecord(events: IncidentEvent[], stored: IncidentTimeline | null, rejected: RejectedEvent[]): IncidentRecord {
  if (stored !== null) return { events, timeline: restoreIncidentTimeline(stored), rejected };
  const built = buildIncidentTimeline(events);
  if (!built.ok) throw new Error(`incident ${events[0]?.incident ?? '?'}: stored events do not build a timeline (${built.error.message})`);
  return { events, timeline: built.state, rejected };
}

/**
 * Adds an event to the record. An event in time order is applied to the timeline; one dated
 * before the latest (a correction entered late) rebuilds the timeline with it in its place.
 * An event the rules refuse leaves the timeline as it was and is kept among the rejected.
 */
export function appendIncidentEvent(record: IncidentRecord, event: IncidentEvent): { record: IncidentRecord; accepted: boolean } {
  const last = record.timeline.lastEventAt;
  if (last === undefined || event.at >= last) {
    const applied = applyIncidentEvent(record.timeline, event);
    if (applied.ok) return { record: { ...record, events: [...record.events, event], timeline: applied.state }, accepted: true };
    return { record: reject(record, event, applied.error.code, applied.error.message), accepted: false };
  }
  const events = [...record.events, event];
  const built = buildIncidentTimeline(events);
  if (built.ok) return { record: { ...record, events, timeline: built.state }, accepted: true };
  const message = built.index === events.length - 1 ? built.error.message : `${built.error.message} (once this earlier-dated event is placed in time)`;
  return { record: reject(record, event, built.error.code, message), accepted: false };
}

function reject(record: IncidentRecord, event: IncidentEvent, code: string, message: string): IncidentRecord {
  return { ...record, rejected: [...record.rejected, { event, code, message }] };
}
