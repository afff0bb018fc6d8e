import { ConfigException, readRetentionConfig } from '@underpin/platform';
import { checkNotificationsRetention, readNotificationsRetentionConfig } from './notifications-retention.config';

const DAY = 24 * 3_600_000;

describe(readNotificationsRetentionConfig.name, () => {
  it('keeps finished work and closed incidents 90 days by default', () => {
    expect(readNotificationsRetentionConfig({})).toEqual({ retentionMs: 90 * DAY });
  });

  it('reads NOTIFICATIONS_RETENTION as a duration', () => {
    expect(readNotificationsRetentionConfig({ NOTIFICATIONS_RETENTION: '400d' })).toEqual({ retentionMs: 400 * DAY });
    expect(readNotificationsRetentionConfig({ NOTIFICATIONS_RETENTION: '720h' })).toEqual({ retentionMs: 30 * DAY });
  });

  it('names the variable when it is not a duration', () => {
    expect(() => readNotificationsRetentionConfig({ NOTIFICATIONS_RETENTION: '3 months' })).toThrow(ConfigException);
    expect(() => readNotificationsRetentionConfig({ NOTIFICATIONS_RETENTION: '3 months' })).toThrow(
      'NOTIFICATIONS_RETENTION: expected a duration like "14d", "36h" or "1h30m", got "3 months"',
    );
  });
});

describe(checkNotificationsRetention.name, () => {
  const platform = readRetentionConfig({}, []);

  it('accepts the defaults', () => {
    expect(() => checkNotificationsRetention(readNotificationsRetentionConfig({}), platform, 72)).not.toThrow();
  });

  it('refuses to forget the service records before the processed-event ids', () => {
    expect(() => checkNotificationsRetention({ retentionMs: 10 * DAY }, platform, 72)).toThrow(
      'NOTIFICATIONS_RETENTION: must be at least PROCESSED_EVENTS_RETENTION (14d), got 10d',
    );
    expect(() => checkNotificationsRetention({ retentionMs: 14 * DAY }, platform, 72)).not.toThrow();
  });

  it('refuses to drop closed incidents the status feed still shows', () => {
    expect(() => checkNotificationsRetention({ retentionMs: 30 * DAY }, platform, 24 * 60)).toThrow(
      'NOTIFICATIONS_RETENTION: must be at least STATUS_FEED_RESOLVED_HOURS (1440h), got 30d',
    );
  });
});
