import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { NOTIFICATIONS_CONFIG } from '../../config/notifications-config.constant';
import type { NotificationsConfig } from '../../config/notifications.config';
import { DeliveryFailedException } from '../delivery-failed.exception';
import type { ClaimedDelivery } from '../delivery.type';
import type { DeliveryChannel } from './delivery-channel.type';

type Transport = ReturnType<typeof createTransport>;

/** Plain-text e-mail over SMTP (SMTP_URL, SMTP_FROM). */
@Injectable()
export class EmailChannelService implements DeliveryChannel, OnApplicationShutdown {
  private transport: Transport | undefined;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  get enabled(): boolean {
    return this.config.smtp !== undefined;
  }

  async send(delivery: ClaimedDelivery): Promise<void> {
    const transport = this.transportOrFail();
    try {
      await transport.sendMail({
        from: this.config.smtp!.from,
        to: delivery.address,
        subject: delivery.message.subject,
        text: delivery.message.text,
        headers: { 'X-Underpin-Delivery': delivery.id },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word on this message; 4xx and connection trouble may pass.
      const permanent = code !== undefined && code >= 500 && code < 600;
      throw new DeliveryFailedException(`SMTP to ${delivery.address} failed: ${error instanceof Error ? error.message : String(error)}`, permanent);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private transportOrFail(): Transport {
    if (this.config.smtp === undefined) throw new DeliveryFailedException('e-mail is switched off (SMTP_URL is not set)', true);
    this.transport ??= createTransport({
      url: this.config.smtp.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }
}
