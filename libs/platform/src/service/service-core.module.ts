import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { EntitySchema, MixedList } from 'typeorm';
import { messagingTablesMigration } from '../database/messaging-tables.migration';
import { ServiceDatabaseModule } from '../database/service-database.module';
import { GraphqlErrorFilter } from '../graphql/graphql-error.filter';
import { HealthController } from '../health/health.controller';
import { ServiceMessagingModule } from '../messaging/service-messaging.module';
import type { ServiceRuntime } from './service-runtime.type';

export interface ServiceCoreOptions {
  /** PostgreSQL schema the service owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's own migrations; its outbox and processed-events tables come first. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}

/**
 * What every service has: its database (schema + migrations), its outbox relay to the
 * runtime's bus, and `/health`.
 */
@Module({})
export class ServiceCoreModule {
  static forService(runtime: ServiceRuntime, options: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        ServiceDatabaseModule.forService({
          url: runtime.config.databaseUrl,
          schema: options.schema,
          entities: options.entities ?? [],
          migrations: [messagingTablesMigration(options.schema), ...(options.migrations ?? [])],
        }),
        ServiceMessagingModule.forService(runtime, options.schema),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }],
    };
  }
}
