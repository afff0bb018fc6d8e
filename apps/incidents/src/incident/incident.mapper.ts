import type { Level, Priority } from '@underpin/domain';
import type { IncidentEntity } from './incident.entity';
import type { IncidentModel } from './incident.model';

export function toIncidentModel(row: IncidentEntity): IncidentModel {
  return {
    id: row.id,
    externalId: row.externalId,
    title: row.title,
    service: row.service,
    customer: row.customer,
    region: row.region,
    impact: row.impact as Level,
    urgency: row.urgency as Level,
    priority: row.priority as Priority,
    status: row.status as IncidentModel['status'],
    assignee: row.assignee,
    openedAt: row.openedAt,
  };
}
