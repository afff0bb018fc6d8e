import type { Level, Priority } from '@underpin/domain';
import type { ConnectionModel } from '@underpin/platform';

/** The `Incident` of the subgraph (apps/incidents/schema.graphql); not the table row. */
export interface IncidentModel {
  id: string;
  externalId: string | null;
  title: string | null;
  service: string;
  customer: string;
  region: string | null;
  impact: Level;
  urgency: Level;
  priority: Priority;
  status: 'open' | 'paused' | 'resolved' | 'closed';
  assignee: string | null;
  openedAt: Date;
}

export type IncidentConnectionModel = ConnectionModel<IncidentModel>;

export type TimelineEventConnectionModel = ConnectionModel<TimelineEventModel>;

export interface TimelineEventModel {
  seq: number;
  type: string;
  at: Date;
  to: string | null;
  reason: string | null;
  impact: Level | null;
  urgency: Level | null;
}
