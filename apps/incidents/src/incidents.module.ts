import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  ServiceCoreModule,
  subgraphOptions,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@underpin/platform';
import { CreateIncidents1764000000000 } from './database/migrations/1764000000000-create-incidents';
import { AddIncidentPageIndex1766000000000 } from './database/migrations/1766000000000-add-incident-page-index';
import { SCHEMA_MODELS } from './graphql/schema-models.constant';
import { IncidentEntity } from './incident/incident.entity';
import { IncidentQueryService } from './incident/incident-query.service';
import { IncidentResolver } from './incident/incident.resolver';
import { OpenIncidentUseCase } from './incident/use-cases/open-incident/open-incident.use-case';
import { RecordIncidentEventUseCase } from './incident/use-cases/record-incident-event/record-incident-event.use-case';
import { TimelineWriterService } from './incident/timeline-writer.service';
import { IntakeController } from './intake/intake.controller';

export const INCIDENTS_SCHEMA = 'incidents';

@Module({})
export class IncidentsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: IncidentsModule,
      imports: [
        ServiceCoreModule.forService(runtime, { schema: INCIDENTS_SCHEMA, entities: [IncidentEntity], migrations: [CreateIncidents1764000000000, AddIncidentPageIndex1766000000000] }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('incidents', SCHEMA_MODELS)),
      ],
      controllers: [IntakeController],
      providers: [IncidentResolver, IncidentQueryService, OpenIncidentUseCase, RecordIncidentEventUseCase, TimelineWriterService],
    };
  }
}

export const incidentsService: ServiceDefinition = {
  name: 'incidents',
  subgraph: true,
  module: (runtime) => IncidentsModule.forRoot(runtime),
};
