import type { IncidentEvent } from '@underpin/domain';
import { defineTopic } from './event-envelope.model';
import { INCIDENT_LEVELS, incidentFieldSchema as field } from './incident-fields.constant';
import { type Schema, isoInstant, literal, object, optional } from './schema.util';

export type IncidentEventType = IncidentEvent['type'];

/** A timeline event on the wire: the domain event without `type` (the envelope has it), `at` as ISO. */
export type WireIncidentEvent<T extends IncidentEventType> = Omit<Extract<IncidentEvent, { type: T }>, 'type' | 'at'> & { at: string };

export type IncidentEventPayloads = { [T in IncidentEventType]: WireIncidentEvent<T> };

const level = literal(...INCIDENT_LEVELS);
const base = { at: isoInstant(), incident: field('incident') };

const schemas: { [T in IncidentEventType]: Schema<WireIncidentEvent<T>> } = {
  'incident.opened': object({
    ...base,
    service: field('service'),
    customer: field('customer'),
    region: optional(field('region')),
    impact: level,
    urgency: level,
    assignee: optional(field('assignee')),
    title: optional(field('title')),
  }),
  'incident.acknowledged': object(base),
  'incident.handover': object({ ...base, to: field('to') }),
  'incident.paused': object({ ...base, reason: field('reason') }),
  'incident.resumed': object(base),
  'incident.resolved': object(base),
  'incident.reopened': object(base),
  'incident.closed': object(base),
  'incident.reprioritized': object({ ...base, impact: level, urgency: level }),
};

const descriptions: { [T in IncidentEventType]: string } = {
  'incident.opened': 'an incident was opened, with its service, customer, region, impact and urgency',
  'incident.acknowledged': 'first human response',
  'incident.handover': 'the incident passed to another party (team or vendor)',
  'incident.paused': 'the clock is paused for a reason (awaiting-customer, awaiting-vendor, scheduled…)',
  'incident.resumed': 'the pause ended',
  'incident.resolved': 'service restored',
  'incident.reopened': 'a resolved incident came back',
  'incident.closed': 'the incident was closed',
  'incident.reprioritized': 'impact or urgency changed, hence possibly the priority',
};

export const INCIDENT_EVENTS_TOPIC = defineTopic<IncidentEventPayloads>({
  name: 'incidents.events.v1',
  partitions: 12,
  key: 'incident id: every event of one incident lands on one partition, in order',
  keyOf: (_type, payload) => payload.incident,
  events: Object.fromEntries(
    (Object.keys(schemas) as IncidentEventType[]).map((type) => [type, { description: descriptions[type], versions: { 1: schemas[type] } }]),
  ) as never,
});

/** The domain's timeline event carried by an envelope of `incidents.events.v1`. */
export function incidentEventFromWire<T extends IncidentEventType>(type: T, payload: WireIncidentEvent<T>): IncidentEvent {
  return { ...payload, type, at: Date.parse(payload.at) } as unknown as IncidentEvent;
}

/** The payload (and envelope type) that carries a domain timeline event. */
export function incidentEventToWire(event: IncidentEvent): { type: IncidentEventType; payload: WireIncidentEvent<IncidentEventType> } {
  const { type, at, ...rest } = event;
  return { type, payload: { ...rest, at: new Date(at).toISOString() } as WireIncidentEvent<IncidentEventType> };
}
