import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@underpin/domain';
import type { DeliveryChannel } from './delivery-channel.type';
import { EmailChannel } from './email-channel.service';
import { WebhookChannel } from './webhook-channel.service';

/** The channels by name, and which of them this service can use. */
@Injectable()
export class DeliveryChannels {
  constructor(
    private readonly webhook: WebhookChannel,
    private readonly email: EmailChannel,
  ) {}

  of(channel: NotificationChannel): DeliveryChannel {
    return channel === 'email' ? this.email : this.webhook;
  }

  /** E-mail needs SMTP settings; webhooks need nothing. */
  enabled(): ReadonlySet<NotificationChannel> {
    return new Set<NotificationChannel>(this.email.enabled ? ['email', 'webhook'] : ['webhook']);
  }
}
