import { ConfigException } from '@underpin/platform';
import { readNotificationsConfig } from './notifications.config';

describe(readNotificationsConfig.name, () => {
  it('runs without e-mail when SMTP_URL is not set, with defaults for the rest', () => {
    expect(readNotificationsConfig({})).toEqual({
      maxAttempts: 8,
      retryInitialMs: 30_000,
      retryMaxMs: 3_600_000,
      pollMs: 1_000,
      webhookTimeoutMs: 10_000,
      feedTitle: 'Service status',
      feedResolvedHours: 72,
      feedItems: 50,
      secretEnv: {},
    });
  });

  it('reads SMTP and the retry settings', () => {
    const config = readNotificationsConfig({ SMTP_URL: 'smtp://mail:25', SMTP_FROM: 'Underpin <noreply@example.com>', NOTIFY_MAX_ATTEMPTS: '5', NOTIFY_RETRY_INITIAL_MS: '1000' });
    expect(config).toMatchObject({ smtp: { url: 'smtp://mail:25', from: 'Underpin <noreply@example.com>' }, maxAttempts: 5, retryInitialMs: 1000 });
  });

  it('lists every bad setting by name', () => {
    const read = () =>
      readNotificationsConfig({ SMTP_URL: 'mail:25', SMTP_FROM: 'nobody', NOTIFY_MAX_ATTEMPTS: '0', NOTIFY_RETRY_INITIAL_MS: '9000', NOTIFY_RETRY_MAX_MS: '10', STATUS_FEED_LINK: 'status' });
    expect(read).toThrow(ConfigException);
    try {
      read();
    } catch (error) {
      expect((error as ConfigException).problems.map((p) => p.split(':')[0])).toEqual([
        'SMTP_URL',
        'SMTP_FROM',
        'NOTIFY_RETRY_MAX_MS',
        'STATUS_FEED_LINK',
        'NOTIFY_MAX_ATTEMPTS',
      ]);
    }
  });

  it('refuses SMTP_FROM without SMTP_URL, which would silently send nothing', () => {
    expect(() => readNotificationsConfig({ SMTP_FROM: 'a@example.com' })).toThrow(/SMTP_FROM: given without SMTP_URL/);
  });
});
