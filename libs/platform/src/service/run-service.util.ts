import { Logger } from '@nestjs/common';
import type { EventBus } from '@underpin/messaging';
import { ConfigException } from '../config/config.exception';
import type { PlatformConfig } from '../config/platform.config';
import { serviceProcessConfigFromProcess } from '../config/service-process.config';
import type { ServiceDefinition } from './service-definition.type';
import { startService } from './start-service.util';

export interface ServiceProcessOptions {
  /** Creates and starts the process's bus from its configuration (Kafka in production). */
  startBus(config: PlatformConfig): Promise<EventBus>;
  /** Flushes telemetry at exit. */
  onExit?: () => Promise<void>;
}

/**
 * The distributed mode's process for one service: every setting read and checked before it
 * connects to anything, its own bus connection, graceful stop on SIGTERM/SIGINT, and the
 * list of problems instead of a stack trace when the configuration is wrong.
 */
export async function runServiceProcess(definition: ServiceDefinition, options: ServiceProcessOptions): Promise<void> {
  const logger = new Logger(definition.name);
  try {
    const { platform: config, listen, service } = serviceProcessConfigFromProcess(definition);
    const bus = await options.startBus(config);
    const running = await startService(service, { config, bus, now: Date.now }, listen);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await running.close();
      await bus.stop();
      await options.onExit?.();
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    logger.error(error instanceof ConfigException ? error.message : `failed to start: ${error instanceof Error ? error.message : String(error)}`);
    await options.onExit?.().catch(() => undefined);
    process.exit(1);
  }
}
