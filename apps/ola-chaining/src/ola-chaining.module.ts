import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { ServiceCoreModule, subgraphOptions, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { CatalogModule } from './catalog/catalog.module';
import { OLA_CHAINING_SETTINGS, olaChainingConfigFromProcess, readOlaChainingConfig, type OlaChainingConfig } from './config/ola-chaining.config';
import { OLA_CHAINING_DATABASE } from './database/ola-chaining-database.constant';
import { SCHEMA_MODELS } from './graphql/schema-models.constant';

/** Owns the catalogue (agreements as code) and publishes it on catalog.changes.v1. */
@Module({})
export class OlaChainingModule {
  static forRoot(runtime: ServiceRuntime, config: OlaChainingConfig): DynamicModule {
    return {
      module: OlaChainingModule,
      imports: [
        ServiceCoreModule.forService(runtime, OLA_CHAINING_DATABASE),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(subgraphOptions('ola-chaining', SCHEMA_MODELS)),
        CatalogModule.forRoot(config),
      ],
    };
  }
}

/** The service with its settings (the catalogue published at boot, if any). */
export function olaChainingServiceWith(config: OlaChainingConfig): ServiceDefinition {
  return {
    name: 'ola-chaining',
    subgraph: true,
    module: (runtime) => OlaChainingModule.forRoot(runtime, config),
  };
}

/** The service configured from the environment (UNDERPIN_CATALOG): by a host through `settings`, else from the process's own. */
export const olaChainingService: ServiceDefinition = {
  name: 'ola-chaining',
  subgraph: true,
  settings: {
    groups: [OLA_CHAINING_SETTINGS],
    read: (env) => {
      const config = readOlaChainingConfig(env);
      return { values: config, service: olaChainingServiceWith(config) };
    },
  },
  module: (runtime) => olaChainingServiceWith(olaChainingConfigFromProcess()).module(runtime),
};
