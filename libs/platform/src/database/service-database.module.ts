import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openServiceDatabase, type ServiceDataSourceOptions } from './service-data-source';

export const SERVICE_DATA_SOURCE = Symbol('SERVICE_DATA_SOURCE');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The service's data source, migrated at boot, closed at shutdown. */
@Global()
@Module({})
export class ServiceDatabaseModule {
  static forService(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      providers: [
        { provide: SERVICE_DATA_SOURCE, useFactory: () => openServiceDatabase(options) },
        { provide: DataSource, useExisting: SERVICE_DATA_SOURCE },
        DataSourceCloser,
      ],
      exports: [SERVICE_DATA_SOURCE, DataSource],
    };
  }
}
