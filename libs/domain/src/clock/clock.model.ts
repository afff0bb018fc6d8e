import type { EpochMs, ObjectiveSpec, Ratio, Seconds } from '../catalog/catalog.model';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { IncidentTimeline } from './incident-timeline.model';

/** Finds the compiled calendar of an objective; an absent id means all the time there is. */
export type CalendarResolver = (calendarId?: string) => BusinessCalendar;

/** Metrics measured by an incident clock. */
export const INCIDENT_CLOCK_METRICS = ['response_time', 'resolution_time', 'handover_time', 'restore_time'] as const;
export type IncidentClockMetric = (typeof INCIDENT_CLOCK_METRICS)[number];
/** Metrics measured over one party's segments rather than over the whole incident. */
export const SEGMENT_METRICS = ['handover_time', 'restore_time'] as const;

export interface ClockInput {
  objective: ObjectiveSpec;
  /** The objective's calendar, already compiled. */
  calendar: BusinessCalendar;
  timeline: IncidentTimeline;
  /** Evaluation instant; events after it are treated as not yet known. */
  now: EpochMs;
  /** For `handover_time` / `restore_time`: the party whose segments count (its agreement's provider). */
  party?: string;
}

/**
 * `pending`: not started by `now` (incident not opened yet, or the party never held it);
 * `running`: counting (the calendar may be closed at this instant);
 * `paused`: in a pause whose reason the objective lists; `stopped`: finished, or the party
 * no longer holds the incident.
 */
export type ClockState = 'pending' | 'running' | 'paused' | 'stopped';

export interface ClockWarning {
  /** Share of the target, e.g. 0.75. */
  threshold: Ratio;
  /** The instant that share was consumed. */
  at: EpochMs;
}

export interface ClockResult {
  state: ClockState;
  elapsedSeconds: Seconds;
  targetSeconds: Seconds;
  /** Target minus elapsed, never below 0. */
  remainingSeconds: Seconds;
  /**
   * The first instant at which counted time reaches the target. When it has not been
   * reached yet: projected from `now` for a running or paused clock (as if it ran on from
   * now), and from the clock's last stop for a stopped one. Absent while pending.
   */
  dueAt?: EpochMs;
  /** Counted time went past the target: reaching it exactly is still met. */
  breached: boolean;
  /** When breached: the instant the target ran out (= dueAt). */
  breachedAt?: EpochMs;
  /** The warnAt thresholds consumed by `now`, in ascending order. */
  warnings: ClockWarning[];
}

/** The next instant at which a running clock crosses a warning threshold or breaches. */
export interface ClockDeadline {
  at: EpochMs;
  kind: 'warning' | 'breach';
  /** The warning's threshold; 1 for the breach. */
  threshold: Ratio;
}
