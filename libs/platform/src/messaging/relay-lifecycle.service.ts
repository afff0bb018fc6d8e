import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { OutboxRelayService } from '@underpin/messaging';

export const RELAY = Symbol('RELAY');

/** The service's relay with the pool it runs on. */
export interface ServiceRelay {
  relay: OutboxRelayService;
  pool: Pool;
  schema: string;
}

/** Runs the service's outbox relay for as long as the application runs. */
@Injectable()
export class RelayLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('outbox-relay');

  constructor(@Inject(RELAY) private readonly relay: ServiceRelay) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.relay.start();
    this.logger.log(`relaying ${this.relay.schema}.outbox`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.relay.stop();
    await this.relay.pool.end();
  }
}
