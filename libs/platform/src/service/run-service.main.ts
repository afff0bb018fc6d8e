import { Logger } from '@nestjs/common';
import type { EventBus } from '@underpin/messaging';
import { ConfigError, readPlatformConfig, readPort, type PlatformConfig } from '../config/platform.config';
import type { ServiceDefinition } from './service-definition.type';
import { startService } from './start-service';

export interface ServiceProcessOptions {
  /** Creates and starts the process's bus from its configuration (Kafka in production). */
  startBus(config: PlatformConfig): Promise<EventBus>;
  /** Flushes telemetry at exit. */
  onExit?: () => Promise<void>;
}

/**
 * The distributed mode's process for one service: config from the environment, its own bus
 * connection, graceful stop on SIGTERM/SIGINT, and a one-line message instead of a stack
 * trace when the configuration is wrong.
 */
export async function runServiceProcess(definition: ServiceDefinition, options: ServiceProcessOptions): Promise<void> {
  const logger = new Logger(definition.name);
  try {
    const config = readPlatformConfig(process.env, { bus: 'kafka', kafkaClientId: `underpin-${definition.name}` });
    const bus = await options.startBus(config);
    const service = await startService(definition, { config, bus, now: Date.now }, { port: readPort(process.env, 'PORT', 3000), host: process.env['HOST'] ?? '127.0.0.1' });
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await service.close();
      await bus.stop();
      await options.onExit?.();
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : `failed to start: ${error instanceof Error ? error.message : String(error)}`);
    await options.onExit?.().catch(() => undefined);
    process.exit(1);
  }
}
