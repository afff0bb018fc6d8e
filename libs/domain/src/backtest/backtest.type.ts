import type { Catalog, EpochMs, Priority, Seconds } from '../catalog/catalog.model';
import type { TimelineEvent } from '../catalog/events.model';
import type { CreditEntry, ExitTriggerFiring } from '../credits/credit.type';
import type { Finding } from '../feasibility/finding.type';

export interface BacktestInput {
  catalog: Catalog;
  /** The historical events, streamed: incidents in time order per incident, samples per service and region. */
  events: AsyncIterable<TimelineEvent> | Iterable<TimelineEvent>;
  /** Only incidents opened and samples taken in `[from, to)` count; default: all of them. */
  from?: EpochMs;
  to?: EpochMs;
  /** Called now and then with the number of events read so far. */
  onProgress?: (eventsRead: number) => void;
}

/** One party's part of an SLA incident, compared with its own OLA/UC objective. */
export interface BacktestSegment {
  party: string;
  agreement: string;
  objective: string;
  elapsedSeconds: Seconds;
  targetSeconds: Seconds;
  breached: boolean;
}

/** One incident measured against one SLA time objective that applies to it. */
export interface BacktestIncident {
  incident: string;
  agreement: string;
  objective: string;
  priority: Priority;
  elapsedSeconds: Seconds;
  targetSeconds: Seconds;
  /** ISO-8601 UTC, e.g. `2026-03-03T12:52:00Z`. */
  dueAt: string | null;
  breached: boolean;
  segments: BacktestSegment[];
}

/** One objective's figure for one region and period, in report units. */
export interface BacktestPeriod {
  agreement: string;
  objective: string;
  /** Null for a figure over all regions. */
  region: string | null;
  /** `2026-03` or `2026-Q1`. */
  period: string;
  /** Availability and ratios as percentages, latency in ms, MOS as a score. */
  value: number;
  target: number;
  met: boolean;
  /** Share of the measured time that had data; only for objectives with a missingData rule. */
  coverage?: number;
}

/** What one invoice of one agreement carries, after the cap, with the lines that make it up. */
export type BacktestCredit = CreditEntry;

export type BacktestExitTrigger = Omit<ExitTriggerFiring, 'firedAt'> & {
  /** ISO-8601 UTC. */
  firedAt: string;
};

export interface BacktestResult {
  incidents: BacktestIncident[];
  periods: BacktestPeriod[];
  credits: BacktestCredit[];
  exitTriggers: BacktestExitTrigger[];
  feasibility: Finding[];
}
