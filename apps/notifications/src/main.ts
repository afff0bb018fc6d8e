import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { notificationsService } from './notifications.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(notificationsService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
