import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { NOTIFICATIONS_CONFIG } from './config/notifications-config.constant';
import { notificationsSettingsFromProcess, readNotificationsSettings } from './config/notifications-service.config';
import { NOTIFICATIONS_SETTINGS } from './config/notifications-settings.constant';
import type { NotificationsConfig } from './config/notifications.config';
import { CreateNotifications1765000000000 } from './database/migrations/1765000000000-create-notifications';
import { AddRetentionIndexes1765000000001 } from './database/migrations/1765000000001-add-retention-indexes';
import { AlertCorrections1766000000000 } from './database/migrations/1766000000000-alert-corrections';
import { DeliveryChannelsService } from './delivery/channels/delivery-channels.service';
import { EmailChannelService } from './delivery/channels/email-channel.service';
import { WebhookChannelService } from './delivery/channels/webhook-channel.service';
import { WebhookSecretsService } from './delivery/channels/webhook-secrets.service';
import { ContactCalendarsService } from './delivery/contact-calendars.service';
import { DeliveryOutboxService } from './delivery/delivery-outbox.service';
import { DeliveryPlannerService } from './delivery/delivery-planner.service';
import { DeliveryWorkerService } from './delivery/delivery-worker.service';
import { FireEscalationsUseCase } from './escalation/fire-escalations.use-case';
import { MatchTriggersUseCase } from './escalation/match-triggers.use-case';
import { TriggerService } from './escalation/trigger.service';
import { NotificationTriggersConsumer } from './events/notification-triggers.consumer';
import { StatusFeedController } from './feed/status-feed.controller';
import { StatusFeedService } from './feed/status-feed.service';
import { ApplyIncidentEventUseCase } from './incidents/apply-incident-event.use-case';
import { IncidentStateService } from './incidents/incident-state.service';
import { NotificationsLoopService } from './loop/notifications-loop.service';
import { NOTIFICATIONS_SCHEMA } from './notifications-schema.constant';
import { checkNotificationsRetention, readNotificationsRetentionConfig, type NotificationsRetentionConfig } from './retention/notifications-retention.config';
import { notificationsRetentionRules } from './retention/notifications-retention-rules.util';

export { NOTIFICATIONS_SCHEMA };

/**
 * Tells people before a promise breaks: escalation policies from the catalogue replica,
 * durable timers, signed webhooks and e-mail through a delivery outbox, and the status feed.
 */
@Module({})
export class NotificationsModule {
  static forRoot(runtime: ServiceRuntime, config: NotificationsConfig, retention: NotificationsRetentionConfig = readNotificationsRetentionConfig({})): DynamicModule {
    checkNotificationsRetention(retention, runtime.config.retention, config.feedResolvedHours);
    return {
      module: NotificationsModule,
      imports: [
        ServiceCoreModule.forService(runtime, {
          schema: NOTIFICATIONS_SCHEMA,
          migrations: [CreateNotifications1765000000000, AddRetentionIndexes1765000000001, AlertCorrections1766000000000],
          catalogReplica: true,
          retention: { rules: notificationsRetentionRules(retention.retentionMs) },
        }),
      ],
      controllers: [StatusFeedController],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        IncidentStateService,
        TriggerService,
        ApplyIncidentEventUseCase,
        NotificationTriggersConsumer,
        ContactCalendarsService,
        DeliveryOutboxService,
        WebhookSecretsService,
        WebhookChannelService,
        EmailChannelService,
        DeliveryChannelsService,
        DeliveryWorkerService,
        DeliveryPlannerService,
        MatchTriggersUseCase,
        FireEscalationsUseCase,
        NotificationsLoopService,
        StatusFeedService,
      ],
    };
  }
}

/** The service with explicit settings (tests, hosts that read their own environment). */
export function notificationsServiceWith(config: NotificationsConfig, retention?: NotificationsRetentionConfig): ServiceDefinition {
  return { name: 'notifications', subgraph: false, module: (runtime) => NotificationsModule.forRoot(runtime, config, retention) };
}

/**
 * The service configured from the environment (SMTP_URL, SMTP_FROM, NOTIFY_*, STATUS_FEED_*,
 * NOTIFICATIONS_RETENTION): by a host through `settings`, else from the process's own.
 */
export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  subgraph: false,
  settings: {
    groups: [NOTIFICATIONS_SETTINGS],
    read: (env, platform) => {
      const { config, retention } = readNotificationsSettings(env, platform);
      // The signing keys are the environment itself, not settings.
      const { secretEnv: _keys, ...values } = config;
      return { values: { ...values, retention }, service: notificationsServiceWith(config, retention) };
    },
  },
  module: (runtime) => {
    const { config, retention } = notificationsSettingsFromProcess(runtime.config);
    return NotificationsModule.forRoot(runtime, config, retention);
  },
};
