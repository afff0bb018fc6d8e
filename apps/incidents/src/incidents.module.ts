import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { ServiceCoreModule, subgraphOptions, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { INCIDENTS_DATABASE } from './database/incidents-database.constant';
import { SCHEMA_MODELS } from './graphql/schema-models.constant';
import { IncidentModule } from './incident/incident.module';
import { IntakeModule } from './intake/intake.module';

@Module({})
export class IncidentsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: IncidentsModule,
      imports: [
        ServiceCoreModule.forService(runtime, INCIDENTS_DATABASE),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('incidents', SCHEMA_MODELS)),
        IncidentModule,
        IntakeModule,
      ],
    };
  }
}

export const incidentsService: ServiceDefinition = {
  name: 'incidents',
  subgraph: true,
  module: (runtime) => IncidentsModule.forRoot(runtime),
};
