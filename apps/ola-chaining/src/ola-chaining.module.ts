import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';

export const OLA_CHAINING_SCHEMA = 'ola_chaining';

/** Boots with its schema, outbox relay to the bus and /health; its features come next. */
@Module({})
export class OlaChainingModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: OlaChainingModule,
      imports: [ServiceCoreModule.forService(runtime, { schema: OLA_CHAINING_SCHEMA })],
    };
  }
}

export const olaChainingService: ServiceDefinition = {
  name: 'ola-chaining',
  subgraph: false,
  module: (runtime) => OlaChainingModule.forRoot(runtime),
};
