import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { Pool } from 'pg';
import { OutboxService, OutboxRelayService, type MessagingLogger } from '@underpin/messaging';
import { HEALTH_CHECKS, type HealthCheck } from '../health/health-check.type';
import { SERVICE_RUNTIME, type ServiceRuntime } from '../service/service-runtime.type';
import { RELAY, RelayLifecycleService, type ServiceRelay } from './relay-lifecycle.service';

export const OUTBOX = Symbol('OUTBOX');

/**
 * The service's side of the transactional outbox: an `OutboxService` to enqueue events in the same
 * transaction as the state change, and a relay publishing them to the runtime's bus.
 */
@Global()
@Module({})
export class ServiceMessagingModule {
  static forService(runtime: ServiceRuntime, schema: string): DynamicModule {
    const logger = new Logger(`${schema}.relay`);
    return {
      module: ServiceMessagingModule,
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: OUTBOX, useValue: new OutboxService({ schema }) },
        {
          provide: RELAY,
          useFactory: (): ServiceRelay => {
            // A small pool of its own: the relay holds one connection for LISTEN.
            const pool = new Pool({ connectionString: runtime.config.databaseUrl, max: 3, application_name: `underpin-${schema}-relay` });
            pool.on('error', (error) => logger.warn(`relay pool: ${error.message}`));
            const relay = new OutboxRelayService({
              pool,
              schema,
              publisher: runtime.bus,
              logger: nestMessagingLogger(logger),
            });
            return { relay, pool, schema };
          },
        },
        RelayLifecycleService,
        {
          provide: HEALTH_CHECKS,
          useFactory: (relay: { pool: Pool }): HealthCheck[] => [{ name: 'database', probe: () => relay.pool.query('SELECT 1') }],
          inject: [RELAY],
        },
      ],
      exports: [OUTBOX, SERVICE_RUNTIME, HEALTH_CHECKS],
    };
  }
}

/** Messaging's structured log lines through Nest's logger (which adds the trace id). */
export function nestMessagingLogger(logger: Logger): MessagingLogger {
  const line = (message: string, fields?: Record<string, unknown>) => (fields ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
    // Asked once per event handled: the line is built only when debug lines are printed.
    debug: (message, fields) => {
      if (Logger.isLevelEnabled('debug')) logger.debug(line(message, fields));
    },
  };
}
