import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@underpin/domain';
import type { DeliveryChannel } from './delivery-channel.type';
import { EmailChannelService } from './email-channel.service';
import { WebhookChannelService } from './webhook-channel.service';

/** The channels by name, and which of them this service can use. */
@Injectable()
export class DeliveryChannelsService {
  constructor(
    private readonly webhook: WebhookChannelService,
    private readonly email: EmailChannelService,
  ) {}

  of(channel: NotificationChannel): DeliveryChannel {
    return channel === 'email' ? this.email : this.webhook;
  }

  /** E-mail needs SMTP settings; webhooks need nothing. */
  enabled(): ReadonlySet<NotificationChannel> {
    return new Set<NotificationChannel>(this.email.enabled ? ['email', 'webhook'] : ['webhook']);
  }
}
