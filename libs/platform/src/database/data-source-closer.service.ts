import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export const SERVICE_DATA_SOURCE = Symbol('SERVICE_DATA_SOURCE');

/** Closes the service's data source when the application shuts down. */
@Injectable()
export class DataSourceCloserService implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
