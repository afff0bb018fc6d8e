import type { ConnectionModel } from '@underpin/platform';

/** Shapes of apps/sla-evaluation/schema.graphql. */
export interface SlaTrackingModel {
  recordedAt: Date;
  eventsApplied: number;
  lastEventAt: Date;
  priority: string;
}

export interface IncidentReferenceModel {
  id: string;
}

export type TrackedIncidentConnectionModel = ConnectionModel<IncidentReferenceModel>;
