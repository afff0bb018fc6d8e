import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  ServiceCoreModule,
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
        ServiceCoreModule.forService(runtime, { schema: SLA_EVALUATION_SCHEMA, entities: [TrackedIncidentEntity], migrations: [CreateTracking1764000000000] }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('sla-evaluation')),
      ],
      providers: [TrackingService, TrackingResolver, IncidentEventsConsumer],
    };
  }
}

export const slaEvaluationService: ServiceDefinition = {
  name: 'sla-evaluation',
  subgraph: true,
  module: (runtime) => SlaEvaluationModule.forRoot(runtime),
};
