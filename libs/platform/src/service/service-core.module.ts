import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { EntitySchema, MixedList } from 'typeorm';
import { catalogReplicaHistoryMigration, catalogReplicaMigration } from '../catalog/catalog-replica.migration';
import { CatalogReplicaModule, type CatalogReplicaOptions } from '../catalog/catalog-replica.module';
import { messagingTablesMigration } from '../database/messaging-tables.migration';
import { ServiceDatabaseModule } from '../database/service-database.module';
import { GraphqlErrorFilter } from '../graphql/graphql-error.filter';
import { HealthController } from '../health/health.controller';
import { ServiceMessagingModule } from '../messaging/service-messaging.module';
import { RetentionModule, type ServiceRetentionOptions } from '../retention/retention.module';
import type { ServiceRuntime } from './service-runtime.type';

export interface ServiceCoreOptions {
  /** PostgreSQL schema the service owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's own migrations; its outbox and processed-events tables come first. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  /**
   * Keep a replica of the published catalogue (`CatalogReplicaService`), with its table migrated
   * before the service's own migrations.
   */
  catalogReplica?: boolean | CatalogReplicaOptions;
  /**
   * The service's retention rules for its own tables, run by the same sweep that forgets its
   * processed-event ids (see RetentionModule).
   */
  retention?: ServiceRetentionOptions;
}

/**
 * What every service has: its database (schema + migrations), its outbox relay to the
 * runtime's bus, a retention sweep so its tables do not grow forever, and `/health`.
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
          migrations: [
            messagingTablesMigration(options.schema),
            ...(options.catalogReplica ? [catalogReplicaMigration(options.schema), catalogReplicaHistoryMigration(options.schema)] : []),
            ...(options.migrations ?? []),
          ],
        }),
        ServiceMessagingModule.forService(runtime, options.schema),
        ...(options.catalogReplica
          ? [CatalogReplicaModule.forService(runtime, options.schema, options.catalogReplica === true ? {} : options.catalogReplica)]
          : []),
        RetentionModule.forService(runtime, options.schema, options.retention),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }],
    };
  }
}
