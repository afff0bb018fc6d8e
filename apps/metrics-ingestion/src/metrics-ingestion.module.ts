import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { METRICS_INGESTION_DATABASE } from './database/metrics-ingestion-database.constant';

/** Boots with its schema, outbox relay to the bus and /health; its features come next. */
@Module({})
export class MetricsIngestionModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: MetricsIngestionModule,
      imports: [ServiceCoreModule.forService(runtime, METRICS_INGESTION_DATABASE)],
    };
  }
}

export const metricsIngestionService: ServiceDefinition = {
  name: 'metrics-ingestion',
  subgraph: false,
  module: (runtime) => MetricsIngestionModule.forRoot(runtime),
};
