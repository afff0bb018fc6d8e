import { ConfigException, gatherProblems, type Env, type PlatformConfig } from '@underpin/platform';
import { checkNotificationsRetention, readNotificationsRetentionConfig, type NotificationsRetentionConfig } from '../retention/notifications-retention.config';
import { readNotificationsConfig, type NotificationsConfig } from './notifications.config';

export interface NotificationsSettings {
  config: NotificationsConfig;
  retention: NotificationsRetentionConfig;
}

/**
 * Every setting of the service, each problem listed at once; the retention is checked against
 * the platform's when those are sound.
 */
export function readNotificationsSettings(env: Env, platform: PlatformConfig | undefined): NotificationsSettings {
  const problems: string[] = [];
  const config = gatherProblems(problems, () => readNotificationsConfig(env));
  const retention = gatherProblems(problems, () => readNotificationsRetentionConfig(env));
  if (config && retention && platform) gatherProblems(problems, () => checkNotificationsRetention(retention, platform.retention, config.feedResolvedHours));
  if (problems.length > 0) throw new ConfigException(problems);
  return { config: config!, retention: retention! };
}

/** The settings of this process, from its environment. */
export function notificationsSettingsFromProcess(platform: PlatformConfig): NotificationsSettings {
  return readNotificationsSettings(process.env, platform);
}
