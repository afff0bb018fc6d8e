import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { metricsIngestionService } from './metrics-ingestion.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(metricsIngestionService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
