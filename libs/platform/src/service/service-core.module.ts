import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CatalogReplicaModule, type CatalogReplicaOptions } from '../catalog/catalog-replica.module';
import { serviceDataSourceOptions, type ServiceDatabase } from '../database/service-data-source.util';
import { ServiceDatabaseModule } from '../database/service-database.module';
import { GraphqlErrorFilter } from '../graphql/graphql-error.filter';
import { HealthController } from '../health/health.controller';
import { ServiceMessagingModule } from '../messaging/service-messaging.module';
import { RetentionModule, type ServiceRetentionOptions } from '../retention/retention.module';
import type { ServiceRuntime } from './service-runtime.type';

export interface ServiceCoreOptions extends Omit<ServiceDatabase, 'catalogReplica'> {
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
        ServiceDatabaseModule.forService(serviceDataSourceOptions(runtime.config.databaseUrl, { ...options, catalogReplica: Boolean(options.catalogReplica) })),
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
