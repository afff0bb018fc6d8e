import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { NOTIFICATIONS_CONFIG } from '../config/notifications-config.constant';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveryWorkerService, SEND_BATCH } from '../delivery/delivery-worker.service';
import { FireEscalationsUseCase } from '../escalation/use-cases/fire-escalations/fire-escalations.use-case';
import { MatchTriggersUseCase } from '../escalation/use-cases/match-triggers/match-triggers.use-case';
import { ESCALATION_BATCH } from '../escalation/trigger-row.util';

/** Rounds in a row while there is a backlog, before yielding to the poll interval. */
const MAX_ROUNDS = 20;

/**
 * Drives the durable parts: matches triggers, fires due timers and sends due deliveries,
 * every `pollMs` by `runtime.now()`. All its state is in tables, so a restart resumes where
 * the last process stopped; several instances share the work through SKIP LOCKED.
 */
@Injectable()
export class NotificationsLoopService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsLoopService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly matchTriggers: MatchTriggersUseCase,
    private readonly fireEscalations: FireEscalationsUseCase,
    private readonly worker: DeliveryWorkerService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over all the work due now. */
  async runOnce(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && !this.stopped; round++) {
      const matched = await this.matchTriggers.execute(new Date(this.runtime.now()));
      const fired = await this.fireEscalations.execute(new Date(this.runtime.now()));
      const sent = await this.worker.sendDue();
      if (matched < ESCALATION_BATCH && fired < ESCALATION_BATCH && sent < SEND_BATCH) return;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.warn(`notification round failed, retrying: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.config.pollMs);
        });
    }, delayMs);
    this.timer.unref?.();
  }
}
