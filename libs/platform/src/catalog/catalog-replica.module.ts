import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { toSqlRunner } from '@underpin/messaging';
import { DataSource } from 'typeorm';
import { nestMessagingLogger } from '../messaging/service-messaging.module';
import type { ServiceRuntime } from '../service/service-runtime.type';
import { CatalogReplicaConsumer } from './catalog-replica.consumer';
import { CatalogReplicaService } from './catalog-replica.service';
import { CatalogReplicaStore } from './catalog-replica-store.util';

export interface CatalogReplicaOptions {
  /** Consumer group; default `<service>.catalog`, the service named after its schema. */
  group?: string;
  /** How often an instance checks for a catalogue another instance applied. Default 5 s; 0 = never. */
  refreshMs?: number;
}

/** `sla_evaluation` → `sla-evaluation.catalog`. */
export function catalogReplicaGroup(schema: string): string {
  return `${schema.replace(/_/g, '-')}.catalog`;
}

/**
 * Gives a service `CatalogReplicaService`: the latest published catalogue, kept in its own table
 * (list `catalogReplicaMigration(schema)` in its migrations, or use ServiceCoreModule's
 * `catalogReplica: true`, which does both). Needs the service's DataSource.
 */
@Global()
@Module({})
export class CatalogReplicaModule {
  static forService(runtime: ServiceRuntime, schema: string, options: CatalogReplicaOptions = {}): DynamicModule {
    const logger = nestMessagingLogger(new Logger(`${schema}.catalog`));
    const store = new CatalogReplicaStore(schema);
    return {
      module: CatalogReplicaModule,
      providers: [
        {
          provide: CatalogReplicaService,
          // Loaded before anything that injects it is built, so current() is right from the start.
          useFactory: async (dataSource: DataSource) => {
            const replica = new CatalogReplicaService(store, toSqlRunner(dataSource), logger);
            await replica.load();
            return replica;
          },
          inject: [DataSource],
        },
        {
          provide: CatalogReplicaConsumer,
          useFactory: (dataSource: DataSource, replica: CatalogReplicaService) =>
            new CatalogReplicaConsumer(dataSource, runtime, store, replica, { schema, group: options.group ?? catalogReplicaGroup(schema), refreshMs: options.refreshMs ?? 5_000 }, logger),
          inject: [DataSource, CatalogReplicaService],
        },
      ],
      exports: [CatalogReplicaService],
    };
  }
}
