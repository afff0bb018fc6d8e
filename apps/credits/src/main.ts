import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { creditsService } from './credits.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(creditsService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
