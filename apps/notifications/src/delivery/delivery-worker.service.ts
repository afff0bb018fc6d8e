import { Inject, Injectable, Logger } from '@nestjs/common';
import { backoffDelay } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { NOTIFICATIONS_CONFIG } from '../config/notifications-config.constant';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveryChannelsService } from './channels/delivery-channels.service';
import { ContactCalendarsService } from './contact-calendars.service';
import { DeliveryFailedException } from './delivery-failed.exception';
import { DeliveryOutboxService } from './delivery-outbox.service';
import type { ClaimedDelivery } from './delivery.type';

/** Deliveries sent at once per round. */
export const SEND_BATCH = 10;

/**
 * Sends due deliveries: each attempt is claimed first (so a crash mid-send retries), then its
 * outcome recorded. Failures back off exponentially; after `maxAttempts` (or a failure no
 * retry can fix) the delivery becomes a dead letter.
 */
@Injectable()
export class DeliveryWorkerService {
  private readonly logger = new Logger(DeliveryWorkerService.name);

  constructor(
    private readonly outbox: DeliveryOutboxService,
    private readonly channels: DeliveryChannelsService,
    private readonly calendars: ContactCalendarsService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** One round; returns how many deliveries it attempted. */
  async sendDue(): Promise<number> {
    // Long enough to outlast one attempt, so no second worker takes a row still being sent.
    const leaseMs = Math.max(60_000, this.config.webhookTimeoutMs * 2);
    const claimed = await this.outbox.claimDue(new Date(this.runtime.now()), SEND_BATCH, leaseMs);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    try {
      await this.channels.of(delivery.channel).send(delivery, this.runtime.now());
    } catch (error) {
      const failure = error instanceof DeliveryFailedException ? error : new DeliveryFailedException(error instanceof Error ? error.message : String(error));
      await this.failed(delivery, failure);
      return;
    }
    await this.outbox.markDelivered(delivery, new Date(this.runtime.now()));
  }

  private async failed(delivery: ClaimedDelivery, failure: DeliveryFailedException): Promise<void> {
    const now = this.runtime.now();
    const label = `${delivery.channel} ${delivery.id} to ${delivery.recipient} (attempt ${delivery.attempts}/${this.config.maxAttempts})`;
    if (failure.permanent || delivery.attempts >= this.config.maxAttempts) {
      this.logger.warn(`${label} given up: ${failure.message}`);
      await this.outbox.markDead(delivery, failure.message, new Date(now));
      return;
    }
    const retryAt = now + backoffDelay(delivery.attempts, this.config.retryInitialMs, this.config.retryMaxMs);
    const sendAt = this.calendars.sendAt(delivery.calendar, retryAt);
    this.logger.log(`${label} failed, retrying at ${new Date(sendAt).toISOString()}: ${failure.message}`);
    await this.outbox.scheduleRetry(delivery, failure.message, new Date(sendAt));
  }
}
