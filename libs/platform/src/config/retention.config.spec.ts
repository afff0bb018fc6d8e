import { ConfigException } from './config.exception';
import { readPlatformConfig } from './platform.config';
import { readDurationSetting, readRetentionConfig, TOPIC_RETENTION_MS } from './retention.config';

const DAY = 24 * 3_600_000;

describe(readRetentionConfig.name, () => {
  function read(env: Record<string, string>) {
    const problems: string[] = [];
    return { config: readRetentionConfig(env, problems), problems };
  }

  it('keeps processed-event ids 14 days and sweeps hourly by default', () => {
    expect(read({})).toEqual({ config: { processedEventsMs: 14 * DAY, sweepIntervalMs: 3_600_000 }, problems: [] });
  });

  it('defaults to longer than the topics keep their records', () => {
    expect(read({}).config.processedEventsMs).toBeGreaterThan(TOPIC_RETENTION_MS);
  });

  it.each([
    ['30d', 30 * DAY],
    ['8d12h', 8.5 * DAY],
    ['400h', 400 * 3_600_000],
    [' 21d ', 21 * DAY],
  ])('reads PROCESSED_EVENTS_RETENTION=%j', (raw, ms) => {
    expect(read({ PROCESSED_EVENTS_RETENTION: raw })).toEqual({ config: expect.objectContaining({ processedEventsMs: ms }), problems: [] });
  });

  it('reads RETENTION_SWEEP_INTERVAL', () => {
    expect(read({ RETENTION_SWEEP_INTERVAL: '15m' }).config.sweepIntervalMs).toBe(15 * 60_000);
    expect(read({ RETENTION_SWEEP_INTERVAL: '' }).config.sweepIntervalMs).toBe(3_600_000);
  });

  it('takes the defaults a host gives', () => {
    const problems: string[] = [];
    expect(readRetentionConfig({}, problems, { processedEventsMs: 30 * DAY })).toEqual({ processedEventsMs: 30 * DAY, sweepIntervalMs: 3_600_000 });
    expect(problems).toEqual([]);
  });

  it('refuses a processed-events retention the topics outlive, naming the variable and why', () => {
    expect(read({ PROCESSED_EVENTS_RETENTION: '7d' }).problems).toEqual([
      "PROCESSED_EVENTS_RETENTION: must be longer than the topics' retention (7d, Kafka's log.retention.hours), got 7d: an event redelivered after its id is forgotten would be applied twice",
    ]);
    expect(read({ PROCESSED_EVENTS_RETENTION: '36h' }).problems).toEqual([expect.stringMatching(/^PROCESSED_EVENTS_RETENTION: .* got 1d12h:/)]);
  });

  it('refuses a sweep interval under a second or over a day', () => {
    expect(read({ RETENTION_SWEEP_INTERVAL: '0s' }).problems).toEqual(['RETENTION_SWEEP_INTERVAL: must be between 1s and 1d, got 0s']);
    expect(read({ RETENTION_SWEEP_INTERVAL: '2d' }).problems).toEqual(['RETENTION_SWEEP_INTERVAL: must be between 1s and 1d, got 2d']);
  });

  it('makes readPlatformConfig fail at boot with every bad setting named', () => {
    const boot = () => readPlatformConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/underpin', PROCESSED_EVENTS_RETENTION: 'two weeks', RETENTION_SWEEP_INTERVAL: '0s' });
    expect(boot).toThrow(ConfigException);
    expect(boot).toThrow(
      [
        'invalid configuration:',
        '  PROCESSED_EVENTS_RETENTION: expected a duration like "14d", "36h" or "1h30m", got "two weeks"',
        '  RETENTION_SWEEP_INTERVAL: must be between 1s and 1d, got 0s',
      ].join('\n'),
    );
    expect(readPlatformConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/underpin', PROCESSED_EVENTS_RETENTION: '21d' }).retention.processedEventsMs).toBe(21 * DAY);
  });
});

describe(readDurationSetting.name, () => {
  it('uses the fallback when the variable is absent or blank, and reports a malformed one', () => {
    const problems: string[] = [];
    expect(readDurationSetting({}, 'X', 5, problems)).toBe(5);
    expect(readDurationSetting({ X: '  ' }, 'X', 5, problems)).toBe(5);
    expect(readDurationSetting({ X: '90s' }, 'X', 5, problems)).toBe(90_000);
    expect(problems).toEqual([]);
    expect(readDurationSetting({ X: '14 days' }, 'X', 5, problems)).toBe(5);
    expect(problems).toEqual(['X: expected a duration like "14d", "36h" or "1h30m", got "14 days"']);
  });
});
