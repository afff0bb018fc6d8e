import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';

export const NOTIFICATIONS_SCHEMA = 'notifications';

/** Boots with its schema, outbox relay to the bus and /health; its features come next. */
@Module({})
export class NotificationsModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [ServiceCoreModule.forService(runtime, { schema: NOTIFICATIONS_SCHEMA })],
    };
  }
}

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  subgraph: false,
  module: (runtime) => NotificationsModule.forRoot(runtime),
};
