import type { ServiceDatabase } from '@underpin/platform';
import { IncidentEntity } from '../incident/incident.entity';
import { CreateIncidents1764000000000 } from './migrations/1764000000000-create-incidents';
import { AddIncidentPageIndex1766000000000 } from './migrations/1766000000000-add-incident-page-index';

export const INCIDENTS_SCHEMA = 'incidents';

export const INCIDENTS_DATABASE: ServiceDatabase = {
  schema: INCIDENTS_SCHEMA,
  entities: [IncidentEntity],
  migrations: [CreateIncidents1764000000000, AddIncidentPageIndex1766000000000],
};
