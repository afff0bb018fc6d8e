import { telemetry } from './tracing';
import { runServiceProcess, startEventBus } from '@underpin/platform';
import { slaEvaluationService } from './sla-evaluation.module';

// One process of the distributed mode: this service alone, on Kafka.
void runServiceProcess(slaEvaluationService, { startBus: startEventBus, onExit: () => telemetry.shutdown() });
