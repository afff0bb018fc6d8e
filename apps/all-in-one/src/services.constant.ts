import type { ServiceDefinition } from '@underpin/platform';
import { creditsService } from '@underpin/app-credits';
import { incidentsService } from '@underpin/app-incidents';
import { metricsIngestionService } from '@underpin/app-metrics-ingestion';
import { notificationsService } from '@underpin/app-notifications';
import { olaChainingService } from '@underpin/app-ola-chaining';
import { slaEvaluationService } from '@underpin/app-sla-evaluation';

/** Every service the platform runs. */
export const SERVICES: ServiceDefinition[] = [
  incidentsService,
  metricsIngestionService,
  slaEvaluationService,
  olaChainingService,
  creditsService,
  notificationsService,
];
