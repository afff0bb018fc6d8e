import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { olaChainingService } from './ola-chaining.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(olaChainingService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
