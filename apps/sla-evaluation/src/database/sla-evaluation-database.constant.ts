import type { ServiceDatabase } from '@underpin/platform';
import { AlertEntity } from '../clocks/alert.entity';
import { ClockEntity } from '../clocks/clock.entity';
import { TimerEntity } from '../timers/timer.entity';
import { TrackedIncidentEntity } from '../tracking/tracked-incident.entity';
import { CreateTracking1764000000000 } from './migrations/1764000000000-create-tracking';
import { CreateClocks1765000000000 } from './migrations/1765000000000-create-clocks';
import { AddAlertRecordedAt1765000000001 } from './migrations/1765000000001-add-alert-recorded-at';
import { AlertsInEventTime1766000000000 } from './migrations/1766000000000-alerts-in-event-time';
import { AddTrackedPageIndex1766000000001 } from './migrations/1766000000001-add-tracked-page-index';

export const SLA_EVALUATION_SCHEMA = 'sla_evaluation';

export const SLA_EVALUATION_DATABASE: ServiceDatabase = {
  schema: SLA_EVALUATION_SCHEMA,
  entities: [TrackedIncidentEntity, ClockEntity, TimerEntity, AlertEntity],
  migrations: [
    CreateTracking1764000000000,
    CreateClocks1765000000000,
    AddAlertRecordedAt1765000000001,
    AlertsInEventTime1766000000000,
    AddTrackedPageIndex1766000000001,
  ],
  catalogReplica: true,
};
