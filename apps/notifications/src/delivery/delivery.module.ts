import { Module } from '@nestjs/common';
import { DeliveryChannelsService } from './channels/delivery-channels.service';
import { EmailChannelService } from './channels/email-channel.service';
import { WebhookChannelService } from './channels/webhook-channel.service';
import { WebhookSecretsService } from './channels/webhook-secrets.service';
import { ContactCalendarsService } from './contact-calendars.service';
import { DeliveryOutboxService } from './delivery-outbox.service';
import { DeliveryPlannerService } from './delivery-planner.service';
import { DeliveryWorkerService } from './delivery-worker.service';

/**
 * Reaching people: deliveries planned per contact and channel into a delivery outbox, then sent
 * by signed webhook or e-mail with retries, and dead-lettered when they keep failing.
 */
@Module({
  providers: [
    ContactCalendarsService,
    DeliveryOutboxService,
    WebhookSecretsService,
    WebhookChannelService,
    EmailChannelService,
    DeliveryChannelsService,
    DeliveryWorkerService,
    DeliveryPlannerService,
  ],
  exports: [DeliveryOutboxService, DeliveryPlannerService, DeliveryWorkerService],
})
export class DeliveryModule {}
