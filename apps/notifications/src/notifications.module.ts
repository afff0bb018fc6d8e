import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceRuntime } from '@underpin/platform';
import { NotificationsConfigModule } from './config/notifications-config.module';
import { notificationsSettingsFromProcess, readNotificationsSettings } from './config/notifications-service.config';
import { NOTIFICATIONS_SETTINGS } from './config/notifications-settings.constant';
import type { NotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_DATABASE } from './database/notifications-database.constant';
import { DeliveryModule } from './delivery/delivery.module';
import { EscalationModule } from './escalation/escalation.module';
import { FeedModule } from './feed/feed.module';
import { IntakeModule } from './intake/intake.module';
import { KnownIncidentsModule } from './known-incidents/known-incidents.module';
import { LoopModule } from './loop/loop.module';
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
        ServiceCoreModule.forService(runtime, { ...NOTIFICATIONS_DATABASE, retention: { rules: notificationsRetentionRules(retention.retentionMs) } }),
        NotificationsConfigModule.forRoot(config),
        KnownIncidentsModule,
        DeliveryModule,
        EscalationModule,
        IntakeModule,
        LoopModule,
        FeedModule,
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
