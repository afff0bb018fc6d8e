import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataSourceCloserService, SERVICE_DATA_SOURCE } from './data-source-closer.service';
import { openServiceDatabase, type ServiceDataSourceOptions } from './service-data-source.util';

export { SERVICE_DATA_SOURCE };

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
        DataSourceCloserService,
      ],
      exports: [SERVICE_DATA_SOURCE, DataSource],
    };
  }
}
