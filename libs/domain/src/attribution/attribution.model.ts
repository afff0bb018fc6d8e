import type { EpochMs, Seconds } from '../catalog/catalog.model';
import type { ClockResult } from '../clock/clock.model';

/**
 * One underpinning objective whose provider held the incident, compared with its target:
 * the backtest's `segments[]` entry.
 */
export interface SegmentAttribution {
  party: string;
  agreement: string;
  objective: string;
  /** The party's time over all its stretches, on the objective's calendar and pauses. */
  elapsedSeconds: Seconds;
  targetSeconds: Seconds;
  breached: boolean;
}

/**
 * A stretch of the SLA clock's extent in one party's hands (or nobody's), with the part of
 * the SLA's counted time it holds and the listed pause time it excludes, both on the SLA's
 * calendar.
 */
export interface AttributionStretch {
  /** Absent while nobody held the incident. */
  party?: string;
  from: EpochMs;
  /** Absent while the stretch is still going on at `now`. */
  to?: EpochMs;
  elapsedSeconds: Seconds;
  pausedSeconds: Seconds;
}

/** The stretches of one party added up; the shares' elapsed times add up to the SLA clock's. */
export interface PartyShare {
  party?: string;
  elapsedSeconds: Seconds;
  pausedSeconds: Seconds;
}

export interface IncidentAttribution {
  incident?: string;
  agreement: string;
  objective: string;
  /** The SLA objective's own clock. */
  clock: ClockResult;
  stretches: AttributionStretch[];
  shares: PartyShare[];
  segments: SegmentAttribution[];
  /** E.g. "netops used 2 h 42 m of a 2 h OLA; meetcloud stayed inside its UC (1 h 12 m of 1 h 30 m)". */
  summary: string;
}
