// What a host (the all-in-one process) needs to run this service, and what webhook receivers need to check it.
export { notificationsService, notificationsServiceWith, NotificationsModule, NOTIFICATIONS_SCHEMA } from './notifications.module';
export { readNotificationsConfig, type NotificationsConfig, type SmtpConfig } from './config/notifications.config';
export { readNotificationsRetentionConfig, type NotificationsRetentionConfig } from './retention/notifications-retention.config';
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER, ATTEMPT_HEADER } from './delivery/webhook-signature.util';
