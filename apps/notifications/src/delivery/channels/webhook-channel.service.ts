import { Inject, Injectable } from '@nestjs/common';
import { CatalogReplicaService } from '@underpin/platform';
import { NOTIFICATIONS_CONFIG } from '../../config/notifications-config.constant';
import type { NotificationsConfig } from '../../config/notifications.config';
import { DeliveryFailedException } from '../delivery-failed.exception';
import type { ClaimedDelivery } from '../delivery.type';
import { ATTEMPT_HEADER, DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../webhook-signature.util';
import type { DeliveryChannel } from './delivery-channel.type';
import { WebhookSecretsService } from './webhook-secrets.service';

/** Answers worth another attempt: the receiver timed out, is throttling, or could not cope just now. */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 409, 425, 429]);

/**
 * POSTs the notification as JSON, signed with the contact's key over the timestamp and the
 * exact bytes sent. The key is read where the catalogue points, at send time, and never stored.
 */
@Injectable()
export class WebhookChannelService implements DeliveryChannel {
  constructor(
    private readonly replica: CatalogReplicaService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly secrets: WebhookSecretsService,
  ) {}

  async send(delivery: ClaimedDelivery, now: number): Promise<void> {
    const contact = this.replica.current()?.catalog.contacts?.find((c) => c.id === delivery.recipient);
    const ref = contact?.webhook?.secret;
    if (ref === undefined) throw new DeliveryFailedException(`contact ${delivery.recipient} has no webhook in the catalogue in force`, true);
    // Retried: an operator can set the variable or mount the file before the attempts run out.
    const found = await this.secrets.lookup(ref);
    if (!found.ok) throw new DeliveryFailedException(`webhook of contact ${delivery.recipient} not signed: ${found.reason}`);
    const secret = found.secret;
    const body = JSON.stringify(delivery.message.payload);
    const timestamp = String(Math.floor(now / 1000));
    let response: Response;
    try {
      response = await fetch(delivery.address, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Underpin-Notifications',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [DELIVERY_HEADER]: delivery.id,
          [ATTEMPT_HEADER]: String(delivery.attempts),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
    } catch (error) {
      throw new DeliveryFailedException(`POST ${delivery.address} failed: ${describeFetchError(error)}`);
    }
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const permanent = response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status);
    throw new DeliveryFailedException(`POST ${delivery.address} answered HTTP ${response.status}`, permanent);
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}
