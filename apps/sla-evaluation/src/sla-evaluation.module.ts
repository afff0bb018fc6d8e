import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { ServiceCoreModule, subgraphOptions, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { CatalogModule } from './catalog/catalog.module';
import { ClocksModule } from './clocks/clocks.module';
import { SlaEvaluationConfigModule } from './config/sla-evaluation-config.module';
import { readSlaEvaluationConfig, SLA_EVALUATION_SETTINGS, slaEvaluationConfigFromProcess, type SlaEvaluationConfig } from './config/sla-evaluation.config';
import { SLA_EVALUATION_DATABASE } from './database/sla-evaluation-database.constant';
import { SCHEMA_MODELS } from './graphql/schema-models.constant';
import { QueueModule } from './queue/queue.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { TimersModule } from './timers/timers.module';
import { TrackingModule } from './tracking/tracking.module';

/** Runs every incident's clocks against the catalogue in force: tracking, evaluation, timers, alerts. */
@Module({})
export class SlaEvaluationModule {
  static forRoot(runtime: ServiceRuntime, config: SlaEvaluationConfig): DynamicModule {
    return {
      module: SlaEvaluationModule,
      imports: [
        ServiceCoreModule.forService(runtime, SLA_EVALUATION_DATABASE),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('sla-evaluation', SCHEMA_MODELS)),
        SlaEvaluationConfigModule.forRoot(config),
        CatalogModule,
        ClocksModule,
        TimersModule,
        ReconciliationModule,
        TrackingModule,
        QueueModule,
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
