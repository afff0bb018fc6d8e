import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { readOlaChainingConfig } from './config/ola-chaining.config';
import { olaChainingServiceWith } from './ola-chaining.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(olaChainingServiceWith(readOlaChainingConfig(process.env)), { startBus: startEventBus, onExit: () => telemetry.shutdown() });
