// What a host (the all-in-one process) needs to run this service.
export { metricsIngestionService } from './metrics-ingestion.module';
