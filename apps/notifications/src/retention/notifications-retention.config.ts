import { formatCatalogDuration } from '@underpin/domain';
import { ConfigException, readDeclaredDuration, settingValues, type Env, type RetentionConfig } from '@underpin/platform';
import { NOTIFICATIONS_SETTINGS } from '../config/notifications-settings.constant';

export interface NotificationsRetentionConfig {
  /**
   * How long finished work (sent or given-up deliveries and their dead letters, settled
   * triggers and their escalations) and closed incidents with their feed history are kept
   * (NOTIFICATIONS_RETENTION).
   */
  retentionMs: number;
}

/** Reads NOTIFICATIONS_RETENTION (a duration like `90d`; default 90 days). */
export function readNotificationsRetentionConfig(env: Env): NotificationsRetentionConfig {
  const problems: string[] = [];
  const retentionMs = readDeclaredDuration(settingValues(env, NOTIFICATIONS_SETTINGS), 'NOTIFICATIONS_RETENTION', problems);
  if (problems.length) throw new ConfigException(problems);
  return { retentionMs };
}

/**
 * Checks NOTIFICATIONS_RETENTION against the settings it must not undercut: the service's
 * own records (a trigger's id, an update's event id, a delivery's unique key) keep
 * recognising a redelivered event for at least as long as its processed-event id does, and
 * a closed incident stays on the status feed for as long as the feed shows resolved ones.
 */
export function checkNotificationsRetention(retention: NotificationsRetentionConfig, platform: RetentionConfig, feedResolvedHours: number): void {
  const problems: string[] = [];
  const setting = formatCatalogDuration(retention.retentionMs / 1_000);
  if (retention.retentionMs < platform.processedEventsMs) {
    problems.push(`NOTIFICATIONS_RETENTION: must be at least PROCESSED_EVENTS_RETENTION (${formatCatalogDuration(platform.processedEventsMs / 1_000)}), got ${setting}`);
  }
  if (retention.retentionMs < feedResolvedHours * 3_600_000) {
    problems.push(`NOTIFICATIONS_RETENTION: must be at least STATUS_FEED_RESOLVED_HOURS (${feedResolvedHours}h), got ${setting}`);
  }
  if (problems.length) throw new ConfigException(problems);
}
