import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';

export const CREDITS_SCHEMA = 'credits';

/** Boots with its schema, outbox relay to the bus and /health; its features come next. */
@Module({})
export class CreditsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: CreditsModule,
      imports: [ServiceCoreModule.forService(runtime, { schema: CREDITS_SCHEMA })],
    };
  }
}

export const creditsService: ServiceDefinition = {
  name: 'credits',
  subgraph: false,
  module: (runtime) => CreditsModule.forRoot(runtime),
};
