import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  CatalogReplicaService,
  ServiceCoreModule,
  subgraphOptions,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@underpin/platform';
import { CatalogReconcilerService } from './catalog/catalog-reconciler.service';
import { CLOCK_CATALOG_SOURCE } from './catalog/clock-catalog-source.type';
import { CompiledCatalogsService } from './catalog/compiled-catalogs.service';
import { AlertEntity } from './clocks/alert.entity';
import { ClockEntity } from './clocks/clock.entity';
import { ClockQueryService } from './clocks/clock-query.service';
import { ClockRefreshService } from './clocks/clock-refresh.service';
import { CLOCK_STORE_OPTIONS, ClockStoreService } from './clocks/clock-store.service';
import { ClocksResolver } from './clocks/clocks.resolver';
import { CreateTracking1764000000000 } from './database/migrations/1764000000000-create-tracking';
import { CreateClocks1765000000000 } from './database/migrations/1765000000000-create-clocks';
import { AddAlertRecordedAt1765000000001 } from './database/migrations/1765000000001-add-alert-recorded-at';
import { AlertsInEventTime1766000000000 } from './database/migrations/1766000000000-alerts-in-event-time';
import { AddTrackedPageIndex1766000000001 } from './database/migrations/1766000000001-add-tracked-page-index';
import { readSlaEvaluationConfig, SLA_EVALUATION_CONFIG, SLA_EVALUATION_SETTINGS, slaEvaluationConfigFromProcess, type SlaEvaluationConfig } from './config/sla-evaluation.config';
import { SLA_EVALUATION_SCHEMA } from './events/incident-events.constant';
import { IncidentEventsConsumer } from './events/incident-events.consumer';
import { IncidentStreamWatchService } from './events/incident-stream-watch.service';
import { SCHEMA_MODELS } from './graphql/schema-models.constant';
import { TeamQueueResolver } from './queue/team-queue.resolver';
import { ClockTimerLoopService } from './timers/clock-timer-loop.service';
import { TimerEntity } from './timers/timer.entity';
import { TimerFiringService } from './timers/timer-firing.service';
import { TrackedIncidentEntity } from './tracking/tracked-incident.entity';
import { TrackingResolver } from './tracking/tracking.resolver';
import { TrackingService } from './tracking/tracking.service';

@Module({})
export class SlaEvaluationModule {
  static forRoot(runtime: ServiceRuntime, config: SlaEvaluationConfig): DynamicModule {
    return {
      module: SlaEvaluationModule,
      imports: [
        ServiceCoreModule.forService(runtime, {
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
        }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('sla-evaluation', SCHEMA_MODELS)),
      ],
      providers: [
        { provide: SLA_EVALUATION_CONFIG, useValue: config },
        { provide: CLOCK_STORE_OPTIONS, useValue: { historyMs: config.alertHistoryMs } },
        { provide: CLOCK_CATALOG_SOURCE, useExisting: CatalogReplicaService },
        IncidentStreamWatchService,
        CompiledCatalogsService,
        ClockStoreService,
        ClockRefreshService,
        TrackingService,
        TimerFiringService,
        ClockTimerLoopService,
        CatalogReconcilerService,
        IncidentEventsConsumer,
        ClockQueryService,
        TrackingResolver,
        ClocksResolver,
        TeamQueueResolver,
      ],
    };
  }
}

/** The service with explicit settings (tests, hosts that read their own environment). */
export function slaEvaluationServiceWith(config: SlaEvaluationConfig): ServiceDefinition {
  return { name: 'sla-evaluation', subgraph: true, module: (runtime) => SlaEvaluationModule.forRoot(runtime, config) };
}

/** The service configured from the environment (ALERT_HISTORY_AGE, TIMER_CATCH_UP_TIMEOUT, INCIDENT_EVENTS_BATCH): by a host through `settings`, else from the process's own. */
export const slaEvaluationService: ServiceDefinition = {
  name: 'sla-evaluation',
  subgraph: true,
  settings: {
    groups: [SLA_EVALUATION_SETTINGS],
    read: (env) => {
      const config = readSlaEvaluationConfig(env);
      return { values: config, service: slaEvaluationServiceWith(config) };
    },
  },
  module: (runtime) => SlaEvaluationModule.forRoot(runtime, slaEvaluationConfigFromProcess()),
};
