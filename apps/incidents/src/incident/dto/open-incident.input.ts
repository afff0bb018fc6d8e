import type { Level } from '@underpin/domain';

/** `OpenIncidentInput` of the subgraph; GraphQL has checked types and enums already. */
export interface OpenIncidentInput {
  title?: string | null;
  service: string;
  customer: string;
  region?: string | null;
  impact: Level;
  urgency: Level;
  assignee?: string | null;
  externalId?: string | null;
  openedAt?: Date | null;
}
