// What a host (the all-in-one process) needs to run this service.
export { metricsIngestionService, metricsIngestionServiceWith } from './metrics-ingestion.module';
export { METRICS_INGESTION_SETTINGS } from './config/metrics-ingestion-settings.constant';
export { readMetricsIngestionConfig, type MetricsIngestionConfig } from './config/metrics-ingestion.config';
