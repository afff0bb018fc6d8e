import { defineTopic } from './event-envelope.model';
import { type Schema, isoInstant, literal, number, object, optional, string } from './schema.util';

export interface NotificationDeliveryPayload {
  notification: string;
  channel: 'email' | 'webhook' | 'feed';
  recipient: string;
  subject?: string;
  attempt: number;
  /** Why the delivery failed; required on notification.failed. */
  error?: string;
  at: string;
}

export interface NotificationDeliveryPayloads {
  'notification.delivered': NotificationDeliveryPayload;
  'notification.failed': NotificationDeliveryPayload;
}

function delivery(failed: boolean): Schema<NotificationDeliveryPayload> {
  return object(
    {
      notification: string(),
      channel: literal('email', 'webhook', 'feed'),
      recipient: string(),
      subject: optional(string({ minLength: 0 })),
      attempt: number({ integer: true, min: 1 }),
      error: optional(string()),
      at: isoInstant(),
    },
    (value, path, issues) => {
      if (failed && value.error === undefined) issues.push({ path: `${path}.error`, message: 'is required on notification.failed' });
    },
  );
}

export const NOTIFICATION_DELIVERIES_TOPIC = defineTopic<NotificationDeliveryPayloads>({
  name: 'notifications.deliveries.v1',
  partitions: 6,
  key: 'notification id, so the attempts of one notification stay in order',
  keyOf: (_type, payload) => payload.notification,
  events: {
    'notification.delivered': { description: 'a notification reached its channel', versions: { 1: delivery(false) } },
    'notification.failed': { description: 'one delivery attempt failed', versions: { 1: delivery(true) } },
  },
});
