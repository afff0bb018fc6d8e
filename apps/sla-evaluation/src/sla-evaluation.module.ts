import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  HealthController,
  ServiceDatabaseModule,
  ServiceMessagingModule,
  messagingTablesMigration,
  subgraphOptions,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@underpin/platform';
import { CreateTracking1764000000000 } from './database/migrations/1764000000000-create-tracking';
import { IncidentEventsConsumer, SLA_EVALUATION_SCHEMA } from './events/incident-events.consumer';
import { TrackedIncidentEntity } from './tracking/tracked-incident.entity';
import { TrackingResolver } from './tracking/tracking.resolver';
import { TrackingService } from './tracking/tracking.service';

@Module({})
export class SlaEvaluationModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: SlaEvaluationModule,
      imports: [
        ServiceDatabaseModule.forService({
          url: runtime.config.databaseUrl,
          schema: SLA_EVALUATION_SCHEMA,
          entities: [TrackedIncidentEntity],
          migrations: [messagingTablesMigration(SLA_EVALUATION_SCHEMA), CreateTracking1764000000000],
        }),
        ServiceMessagingModule.forService(runtime, SLA_EVALUATION_SCHEMA),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('sla-evaluation')),
      ],
      controllers: [HealthController],
      providers: [TrackingService, TrackingResolver, IncidentEventsConsumer],
    };
  }
}

export const slaEvaluationService: ServiceDefinition = {
  name: 'sla-evaluation',
  subgraph: true,
  module: (runtime) => SlaEvaluationModule.forRoot(runtime),
};
