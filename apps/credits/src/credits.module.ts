import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { CREDITS_DATABASE } from './database/credits-database.constant';

/** Boots with its schema, outbox relay to the bus and /health; its features come next. */
@Module({})
export class CreditsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: CreditsModule,
      imports: [ServiceCoreModule.forService(runtime, CREDITS_DATABASE)],
    };
  }
}

export const creditsService: ServiceDefinition = {
  name: 'credits',
  subgraph: false,
  module: (runtime) => CreditsModule.forRoot(runtime),
};
