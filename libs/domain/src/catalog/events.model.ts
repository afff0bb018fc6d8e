import type { EpochMs, Level } from './catalog.model';

/** Incident timeline events, as ingested (JSON Lines) with `at` parsed to epoch ms. */
export type IncidentEvent =
  | {
      type: 'incident.opened';
      at: EpochMs;
      incident: string;
      service: string;
      customer: string;
      region?: string;
      impact: Level;
      urgency: Level;
      assignee?: string;
      title?: string;
    }
  | { type: 'incident.acknowledged'; at: EpochMs; incident: string }
  | { type: 'incident.handover'; at: EpochMs; incident: string; to: string }
  | { type: 'incident.paused'; at: EpochMs; incident: string; reason: string }
  | { type: 'incident.resumed'; at: EpochMs; incident: string }
  | { type: 'incident.resolved'; at: EpochMs; incident: string }
  | { type: 'incident.reopened'; at: EpochMs; incident: string }
  | { type: 'incident.closed'; at: EpochMs; incident: string }
  | { type: 'incident.reprioritized'; at: EpochMs; incident: string; impact: Level; urgency: Level };

/** What a probe saw; `degraded` is neither up nor down (see degradedCounts). */
export type ProbeState = 'up' | 'down' | 'degraded';

export interface ProbeSample {
  type: 'probe';
  at: EpochMs;
  service: string;
  region: string;
  /** False exactly when the state is down; a degraded probe is ok. */
  ok: boolean;
  /** Refines `ok`; absent, `ok` decides between up and down. */
  state?: ProbeState;
  /** Where the probe was measured from; absent, the implicit vantage point of the service and region. */
  vantage?: string;
}

export interface CallQualitySample {
  type: 'call.quality';
  at: EpochMs;
  service: string;
  region: string;
  call: string;
  latencyMs?: number;
  lossPercent?: number;
  intervalSeconds?: number;
  mos?: number;
  setupFailed?: boolean;
}

export type TimelineEvent = IncidentEvent | ProbeSample | CallQualitySample;
