import type { EpochMs, Level, Priority } from '../catalog/catalog.model';

/**
 * `new` before `incident.opened`; `open` between opened/reopened and resolved (paused or
 * not); `resolved` until reopened or closed; `closed` is final.
 */
export type IncidentStatus = 'new' | 'open' | 'resolved' | 'closed';

/** A stretch of time; `to` absent while it is still going on. */
export interface TimeSpan {
  from: EpochMs;
  to?: EpochMs;
}

export interface PauseSpan extends TimeSpan {
  reason: string;
}

/** A segment: a stretch of the incident's life in one party's hands. */
export interface HolderSpan extends TimeSpan {
  party: string;
}

export interface PriorityChange {
  at: EpochMs;
  impact: Level;
  urgency: Level;
  priority: Priority;
}

/**
 * What an incident's events say about it. Spans are in time order and never overlap within
 * one list; pauses and holder spans always lie inside an open stretch (resolving ends them).
 */
export interface IncidentTimeline {
  incident?: string;
  status: IncidentStatus;
  service?: string;
  customer?: string;
  region?: string;
  title?: string;
  openedAt?: EpochMs;
  /** The first acknowledgement; later ones change nothing. */
  acknowledgedAt?: EpochMs;
  /** The last `resolved` and the `closed` instant, when they happened. */
  resolvedAt?: EpochMs;
  closedAt?: EpochMs;
  /** Opened or reopened → resolved. */
  open: TimeSpan[];
  pauses: PauseSpan[];
  holders: HolderSpan[];
  /**
   * While open: the party holding the incident. While resolved or closed: the party that held
   * it at resolution, to whom a reopen gives it back. Absent when nobody holds it.
   */
  holder?: string;
  /** The first entry is the priority at opening; the last is the current one. */
  priorities: PriorityChange[];
  /** `at` of the last applied event: events must not go back in time. */
  lastEventAt?: EpochMs;
}

export type IncidentTransitionCode =
  | 'invalid-field'
  | 'wrong-incident'
  | 'out-of-order'
  | 'not-opened'
  | 'already-opened'
  | 'incident-closed'
  | 'not-open'
  | 'not-resolved'
  | 'already-paused'
  | 'not-paused'
  | 'same-holder';

export interface IncidentTransitionError {
  code: IncidentTransitionCode;
  message: string;
}

export type IncidentTransition =
  | { ok: true; state: IncidentTimeline }
  | { ok: false; error: IncidentTransitionError };
