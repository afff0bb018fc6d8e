import type { ConnectionModel } from '@underpin/platform';

/** Shapes of apps/sla-evaluation/schema.graphql (Clock and what hangs off it). */
export interface ClockWarningModel {
  threshold: number;
  at: Date;
  firedAt: Date;
}

export interface ClockAlertDueModel {
  kind: 'warning' | 'breach';
  threshold: number;
  at: Date;
}

export interface ClockModel {
  agreement: string;
  objective: string;
  metric: string;
  kind: 'SLA' | 'OLA' | 'UC';
  party: string;
  priority: string;
  state: 'pending' | 'running' | 'paused' | 'stopped';
  elapsedSeconds: number;
  remainingSeconds: number;
  targetSeconds: number;
  dueAt: Date | null;
  breached: boolean;
  breachedAt: Date | null;
  warnings: ClockWarningModel[];
  nextAlert: ClockAlertDueModel | null;
}

export interface TeamQueueEntryModel {
  incident: { id: string };
  priority: string | null;
  remainingSeconds: number | null;
  deadlines: ClockModel[];
}

export type TeamQueueConnectionModel = ConnectionModel<TeamQueueEntryModel>;

export interface ClockAlertModel {
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  threshold: number;
  at: Date;
  dueAt: Date;
  firedAt: Date;
  historical: boolean;
  status: 'fired' | 'withdrawn';
  restatedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  revision: string | null;
}
