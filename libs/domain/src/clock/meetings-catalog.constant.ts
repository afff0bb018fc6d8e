import {
  DEFAULT_PAUSE_ON,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_WARN_AT,
  type AgreementSpec,
  type Catalog,
  type Metric,
  type ObjectiveSpec,
  type WeeklyInterval,
} from '../catalog/catalog.model';
import type { IncidentEvent } from '../catalog/events.model';
import { alwaysCalendar, compileCalendar } from '../calendar';
import type { CalendarResolver } from './clock.model';
import { fixedOffsetCalendar } from './fixed-offset-calendar.util';

/**
 * The example catalogue of examples/meetings as the loader would produce it, restricted to
 * what incident clocks read, for the specs of clocks and attribution.
 */
const H = 3600;
const M = 60;

function objective(id: string, metric: Metric, seconds: number, extra: Partial<ObjectiveSpec> = {}): ObjectiveSpec {
  return {
    id,
    metric,
    target: { unit: 'seconds', value: seconds },
    direction: 'atMost',
    pauseOn: DEFAULT_PAUSE_ON,
    warnAt: DEFAULT_WARN_AT,
    perRegion: false,
    window: 'month',
    excludeMaintenance: [],
    underpinnedBy: [],
    ...extra,
  };
}

function availability(id: string, ratio: number, calendar?: string): ObjectiveSpec {
  return { ...objective(id, 'availability', 0, { calendar, perRegion: true }), target: { unit: 'ratio', value: ratio }, direction: 'atLeast' };
}

function refs(...list: string[]): ObjectiveSpec['underpinnedBy'] {
  return list.map((ref) => {
    const [agreement, objectiveId] = ref.split('/');
    return { agreement, objective: objectiveId };
  });
}

function agreement(spec: Pick<AgreementSpec, 'id' | 'kind' | 'provider' | 'consumer' | 'objectives'> & Partial<AgreementSpec>): AgreementSpec {
  return {
    effective: {},
    window: 'month',
    timezone: 'UTC',
    activeUsers: {},
    priorityMatrix: DEFAULT_PRIORITY_MATRIX,
    exitTriggers: [],
    ...spec,
  };
}

const weekdays = (days: number[], start: number, end: number): WeeklyInterval[] =>
  days.map((day) => ({ day: day as WeeklyInterval['day'], startMinute: start * 60, endMinute: end * 60 }));

export const MEETINGS_CATALOG: Catalog = {
  apiVersion: 'underpin/v1',
  parties: [
    { id: 'it', kind: 'team' },
    { id: 'acme', kind: 'customer' },
    { id: 'nordbank', kind: 'customer' },
    { id: 'service-desk', kind: 'team' },
    { id: 'netops', kind: 'team' },
    { id: 'workplace', kind: 'team' },
    { id: 'meetcloud', kind: 'vendor' },
    { id: 'nordnet', kind: 'vendor' },
    { id: 'roomtech', kind: 'vendor' },
  ],
  calendars: [
    { id: 'always', timezone: 'UTC', weekly: weekdays([0, 1, 2, 3, 4, 5, 6], 0, 24), holidays: [] },
    {
      id: 'office-se',
      timezone: 'Europe/Stockholm',
      weekly: weekdays([0, 1, 2, 3, 4], 8, 16),
      holidays: ['2026-01-01', '2026-01-06', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-06-06', '2026-06-19', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31'],
    },
    { id: 'office-dk', timezone: 'Europe/Copenhagen', weekly: [...weekdays([0, 1, 2, 3], 8, 16), ...weekdays([4], 8, 15)], holidays: [] },
  ],
  maintenance: [],
  services: [
    { id: 'video-meetings', regions: ['eu-north', 'eu-west', 'na-east'], dependsOn: ['meeting-platform', 'corporate-network', 'internet', 'identity', 'room-systems'] },
  ],
  agreements: [
    agreement({
      id: 'sla-acme-video',
      kind: 'SLA',
      provider: 'it',
      consumer: 'acme',
      service: 'video-meetings',
      effective: { from: '2026-01-01' },
      window: 'quarter',
      objectives: [
        availability('availability', 0.9995, 'always'),
        objective('p1-response', 'response_time', 15 * M, { priority: 'P1', calendar: 'always', underpinnedBy: refs('ola-service-desk/p1-response') }),
        objective('p2-response', 'response_time', 30 * M, { priority: 'P2', calendar: 'always' }),
        objective('p3-response', 'response_time', 4 * H, { priority: 'P3', calendar: 'office-se' }),
        objective('p1-resolution', 'resolution_time', 4 * H, {
          priority: 'P1',
          calendar: 'always',
          underpinnedBy: refs('ola-service-desk/p1-handover', 'ola-netops/p1-restore', 'uc-meetcloud/p1-restore'),
        }),
        objective('p2-resolution', 'resolution_time', 8 * H, {
          priority: 'P2',
          calendar: 'always',
          underpinnedBy: refs('ola-service-desk/p2-handover', 'ola-workplace/p2-restore', 'uc-roomtech/p2-restore'),
        }),
        objective('p3-resolution', 'resolution_time', 24 * H, { priority: 'P3', calendar: 'office-se' }),
      ],
    }),
    agreement({
      id: 'sla-nordbank-video',
      kind: 'SLA',
      provider: 'it',
      consumer: 'nordbank',
      service: 'video-meetings',
      effective: { from: '2026-01-01' },
      objectives: [
        availability('availability', 0.99, 'office-dk'),
        objective('p1-response', 'response_time', 1 * H, { priority: 'P1', calendar: 'always' }),
        objective('p1-resolution', 'resolution_time', 8 * H, {
          priority: 'P1',
          calendar: 'always',
          pauseOn: ['awaiting-customer', 'awaiting-vendor'],
          underpinnedBy: refs('ola-service-desk/p1-handover', 'ola-netops/p1-restore-office'),
        }),
      ],
    }),
    agreement({
      id: 'ola-service-desk',
      kind: 'OLA',
      provider: 'service-desk',
      consumer: 'it',
      objectives: [
        objective('p1-response', 'response_time', 10 * M, { priority: 'P1', calendar: 'always' }),
        objective('p1-handover', 'handover_time', 15 * M, { priority: 'P1', calendar: 'always' }),
        objective('p2-handover', 'handover_time', 30 * M, { priority: 'P2', calendar: 'always' }),
      ],
    }),
    agreement({
      id: 'ola-netops',
      kind: 'OLA',
      provider: 'netops',
      consumer: 'it',
      service: 'corporate-network',
      objectives: [
        objective('p1-restore', 'restore_time', 2 * H, { priority: 'P1', calendar: 'always' }),
        objective('p1-restore-office', 'restore_time', 6 * H, { priority: 'P1', calendar: 'office-se' }),
        availability('lan-availability', 0.999, 'always'),
      ],
    }),
    agreement({
      id: 'ola-workplace',
      kind: 'OLA',
      provider: 'workplace',
      consumer: 'it',
      objectives: [objective('p2-restore', 'restore_time', 4 * H, { priority: 'P2', calendar: 'office-se' })],
    }),
    agreement({
      id: 'uc-meetcloud',
      kind: 'UC',
      provider: 'meetcloud',
      consumer: 'it',
      service: 'meeting-platform',
      effective: { from: '2025-07-01' },
      objectives: [
        availability('availability', 0.9995, 'always'),
        objective('p1-response', 'response_time', 15 * M, { priority: 'P1', calendar: 'always' }),
        objective('p1-restore', 'restore_time', 90 * M, { priority: 'P1', calendar: 'always' }),
      ],
    }),
    agreement({
      id: 'uc-roomtech',
      kind: 'UC',
      provider: 'roomtech',
      consumer: 'it',
      service: 'room-systems',
      objectives: [objective('p2-restore', 'restore_time', 8 * H, { priority: 'P2', calendar: 'office-se' })],
    }),
  ],
};

type RawEvent = { [K in IncidentEvent['type']]: Omit<Extract<IncidentEvent, { type: K }>, 'at'> & { at: string } }[IncidentEvent['type']];

const raw: RawEvent[] = [
  { type: 'incident.opened', at: '2026-03-03T09:12:00+01:00', incident: 'INC-1001', service: 'video-meetings', customer: 'acme', region: 'eu-north', impact: 'high', urgency: 'high', assignee: 'service-desk' },
  { type: 'incident.acknowledged', at: '2026-03-03T09:19:00+01:00', incident: 'INC-1001' },
  { type: 'incident.handover', at: '2026-03-03T09:31:00+01:00', incident: 'INC-1001', to: 'netops' },
  { type: 'incident.handover', at: '2026-03-03T10:48:00+01:00', incident: 'INC-1001', to: 'meetcloud' },
  { type: 'incident.paused', at: '2026-03-03T11:30:00+01:00', incident: 'INC-1001', reason: 'awaiting-customer' },
  { type: 'incident.resumed', at: '2026-03-03T12:10:00+01:00', incident: 'INC-1001' },
  { type: 'incident.handover', at: '2026-03-03T12:40:00+01:00', incident: 'INC-1001', to: 'netops' },
  { type: 'incident.resolved', at: '2026-03-03T14:05:00+01:00', incident: 'INC-1001' },
  { type: 'incident.opened', at: '2026-03-05T15:40:00+01:00', incident: 'INC-1002', service: 'video-meetings', customer: 'acme', region: 'eu-west', impact: 'high', urgency: 'medium', assignee: 'service-desk' },
  { type: 'incident.acknowledged', at: '2026-03-05T15:52:00+01:00', incident: 'INC-1002' },
  { type: 'incident.handover', at: '2026-03-05T16:20:00+01:00', incident: 'INC-1002', to: 'workplace' },
  { type: 'incident.handover', at: '2026-03-06T09:05:00+01:00', incident: 'INC-1002', to: 'roomtech' },
  { type: 'incident.resolved', at: '2026-03-06T15:30:00+01:00', incident: 'INC-1002' },
  { type: 'incident.opened', at: '2026-03-07T22:05:00+01:00', incident: 'INC-1003', service: 'video-meetings', customer: 'nordbank', region: 'eu-north', impact: 'high', urgency: 'high', assignee: 'service-desk' },
  { type: 'incident.acknowledged', at: '2026-03-07T22:41:00+01:00', incident: 'INC-1003' },
  { type: 'incident.handover', at: '2026-03-07T22:55:00+01:00', incident: 'INC-1003', to: 'netops' },
  { type: 'incident.paused', at: '2026-03-08T01:00:00+01:00', incident: 'INC-1003', reason: 'awaiting-vendor' },
  { type: 'incident.resumed', at: '2026-03-09T08:15:00+01:00', incident: 'INC-1003' },
  { type: 'incident.resolved', at: '2026-03-09T10:20:00+01:00', incident: 'INC-1003' },
];

/** incidents.jsonl of the example, `at` parsed. */
export const MEETINGS_INCIDENT_EVENTS: IncidentEvent[] = raw.map((event) => ({ ...event, at: Date.parse(event.at) }) as IncidentEvent);

export function meetingsEventsOf(incident: string): IncidentEvent[] {
  return MEETINGS_INCIDENT_EVENTS.filter((event) => event.incident === incident);
}

/**
 * The example's calendars with the fixed offsets of winter time (valid before the DST
 * change of 2026-03-29), which is when the example's incidents happen.
 */
const testCalendars = new Map(
  MEETINGS_CATALOG.calendars.map((spec) => [
    spec.id,
    fixedOffsetCalendar({ id: spec.id, offsetMinutes: spec.timezone === 'UTC' ? 0 : 60, weekly: spec.weekly, holidays: spec.holidays }),
  ]),
);

export const meetingsTestCalendarOf: CalendarResolver = (calendarId) => {
  const calendar = testCalendars.get(calendarId ?? 'always');
  if (!calendar) throw new RangeError(`calendar: unknown ${calendarId}`);
  return calendar;
};

const compiledCalendars = new Map(MEETINGS_CATALOG.calendars.map((spec) => [spec.id, compileCalendar(spec)]));

/** The example's calendars compiled by the calendar engine, with its zones and DST rules. */
export const meetingsCalendarOf: CalendarResolver = (calendarId) => {
  if (calendarId === undefined) return alwaysCalendar;
  const calendar = compiledCalendars.get(calendarId);
  if (!calendar) throw new RangeError(`calendar: unknown ${calendarId}`);
  return calendar;
};
