import type { EpochMs } from '../catalog/catalog.model';
import type { CalendarResolver } from '../clock/clock.model';

export type { CalendarResolver };

export type FindingKind = 'time-budget' | 'calendar-gap' | 'availability-composition' | 'missing-underpinning';

/**
 * One reason why an objective cannot be delivered by what underpins it, found statically
 * from the catalogue before any incident.
 */
export interface Finding {
  agreement: string;
  /**
   * The objective the finding is about. A missing underpinning belongs to the agreement's
   * service rather than to one objective: it names the agreement's first availability
   * objective (serial dependencies are what availability composes), or null without one.
   */
  objective: string | null;
  kind: FindingKind;
  /** Human-readable, with the numbers that make the point. */
  detail: string;
}

export interface FeasibilityOptions {
  /**
   * The stretch of time over which calendars are compared and worst cases searched. Default:
   * the 365 days from the agreement's effective date; without one, from the first of January
   * of the year of the catalogue's earliest holiday (holidays are what make one year differ
   * from another), else of 2001.
   */
  span?: { from: EpochMs; to: EpochMs };
}
