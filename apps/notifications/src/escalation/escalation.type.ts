import type { EpochMs, EscalationEvent, Priority } from '@underpin/domain';

/** A fact a policy may react to, as recorded from an event. */
export interface Trigger {
  /** Id of the event that carried it: the key of every delivery it causes. */
  eventId: string;
  event: EscalationEvent;
  incident?: string;
  agreement?: string;
  objective?: string;
  /** Share of the target consumed (warning, breach). */
  threshold?: number;
  occurredAt: EpochMs;
  /** What the message needs beyond the filters: dueAt, the exit trigger's id and count. */
  details: TriggerDetails;
}

export interface TriggerDetails {
  dueAt?: string;
  trigger?: string;
  count?: number;
}

export type IncidentStatus = 'open' | 'resolved' | 'closed';

/** What this service knows of an incident, from incident events only. */
export interface KnownIncident {
  id: string;
  title?: string;
  service: string;
  customer: string;
  region?: string;
  priority: Priority;
  status: IncidentStatus;
  /** The party holding it: the assignee at opening, then each handover's `to`. */
  holder?: string;
  openedAt: EpochMs;
  acknowledgedAt?: EpochMs;
  resolvedAt?: EpochMs;
}
