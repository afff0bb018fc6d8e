import type { IncidentStatus, KnownIncident } from '../escalation/escalation.type';

/** One change of an incident worth telling the public (opened, acknowledged, resolved…). */
export interface IncidentUpdate {
  eventId: string;
  incident: string;
  kind: string;
  status: IncidentStatus;
  at: number;
  summary: string;
  /** For a breach: when and why it was withdrawn, if the events later showed it never happened. */
  withdrawn?: { at: number; reason: string };
}

export interface FeedIncident extends KnownIncident {
  updatedAt: number;
  updates: IncidentUpdate[];
}

export interface FeedChannel {
  title: string;
  /** The status page's address (the channel's <link>). */
  link: string;
  /** This feed's own address. */
  selfLink: string;
  /** Instant of the newest update, or when the feed was built. */
  updatedAt: number;
}
