import type { ServiceDefinition } from '@underpin/platform';
import { incidentsService } from '@underpin/app-incidents';
import { slaEvaluationService } from '@underpin/app-sla-evaluation';

/** Every service the platform runs, in start order (producers before consumers is not required). */
export const SERVICES: ServiceDefinition[] = [incidentsService, slaEvaluationService];
