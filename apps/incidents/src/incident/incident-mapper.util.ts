import type { IncidentModel } from '../graphql/schema.type';
import type { IncidentEntity } from './incident.entity';

export function toIncidentModel(row: IncidentEntity): IncidentModel {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    service: row.service,
    customer: row.customer,
    region: row.region,
    impact: row.impact as IncidentModel['impact'],
    urgency: row.urgency as IncidentModel['urgency'],
    priority: row.priority as IncidentModel['priority'],
    status: row.status as IncidentModel['status'],
    assignee: row.assignee,
    openedAt: row.openedAt,
  };
}
