import type { DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from './service-runtime.type';

/** A service as a host sees it: a name and the Nest module that runs it on a runtime. */
export interface ServiceDefinition {
  name: string;
  /** Whether the service publishes a GraphQL subgraph at /graphql. */
  subgraph: boolean;
  module(runtime: ServiceRuntime): DynamicModule;
}
