import { Logger } from '@nestjs/common';
import { TOPIC_REGISTRY } from '@underpin/contracts';
import { InProcessEventBusService, KafkaEventBusService, type EventBus } from '@underpin/messaging';
import type { PlatformConfig } from '../config/platform.config';
import { nestMessagingLogger } from './service-messaging.module';

/** The bus a process runs on: Kafka in distributed mode, in-process for all-in-one. */
export function createEventBus(config: PlatformConfig): EventBus {
  const logger = nestMessagingLogger(new Logger('bus'));
  if (config.bus === 'in-process') return new InProcessEventBusService({ logger });
  return new KafkaEventBusService({
    brokers: config.kafkaBrokers,
    clientId: config.kafkaClientId,
    namespace: config.kafkaNamespace,
    replicationFactor: config.kafkaReplicationFactor,
    logger,
  });
}

/**
 * Creates the bus and starts it. On Kafka the platform's topics (and their `.dlq` twins)
 * are created first, as the registry says: brokers never auto-create them.
 */
export async function startEventBus(config: PlatformConfig): Promise<EventBus> {
  const bus = createEventBus(config);
  if (bus instanceof KafkaEventBusService) await bus.ensureTopics(TOPIC_REGISTRY);
  await bus.start();
  return bus;
}
