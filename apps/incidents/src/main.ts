import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { incidentsService } from './incidents.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(incidentsService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
