import { ConfigException, readPlatformConfig, readServiceProcessConfig } from '@underpin/platform';
import { notificationsService } from '../notifications.module';
import { readNotificationsSettings } from './notifications-service.config';

const DB = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/underpin' };

describe(readNotificationsSettings.name, () => {
  it("checks the retention against the platform's when those settings are sound", () => {
    const platform = readPlatformConfig({ ...DB, PROCESSED_EVENTS_RETENTION: '30d' });
    expect(() => readNotificationsSettings({ NOTIFICATIONS_RETENTION: '20d' }, platform)).toThrow(
      'NOTIFICATIONS_RETENTION: must be at least PROCESSED_EVENTS_RETENTION (30d), got 20d',
    );
    expect(readNotificationsSettings({ NOTIFICATIONS_RETENTION: '20d' }, undefined).retention).toEqual({ retentionMs: 20 * 86_400_000 });
  });
});

describe('notificationsService in its own process', () => {
  it("lists the platform's and the service's problems together, before it connects to anything", () => {
    const read = () => readServiceProcessConfig(notificationsService, { ...DB, LOG_LEVEL: 'loud', NOTIFY_MAX_ATTEMPTS: '0', NOTIFICATIONS_RETENTION: 'a quarter' });
    expect(read).toThrow(ConfigException);
    expect(() => read()).toThrow(
      [
        'invalid configuration:',
        '  LOG_LEVEL: expected error, warn, log or debug',
        '  NOTIFY_MAX_ATTEMPTS: expected a whole number ≥ 1, got "0"',
        '  NOTIFICATIONS_RETENTION: expected a duration like "14d", "36h" or "1h30m", got "a quarter"',
      ].join('\n'),
    );
  });

  it('starts with the settings it was configured from', () => {
    const { own, service } = readServiceProcessConfig(notificationsService, { ...DB, NOTIFY_MAX_ATTEMPTS: '3' });
    expect(own).toMatchObject({ maxAttempts: 3, retention: { retentionMs: 90 * 86_400_000 } });
    expect(own).not.toHaveProperty('secretEnv');
    expect(service).not.toBe(notificationsService);
  });
});
