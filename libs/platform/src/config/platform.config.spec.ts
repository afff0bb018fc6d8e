import { ConfigException } from './config.exception';
import { DEFAULT_HTTP_BODY_LIMIT_BYTES, readDeclaredByteSize, readHttpBodyLimit, readPlatformConfig } from './platform.config';
import { defineSettings, settingValues } from './settings.util';

const DB = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/underpin' };

describe(readPlatformConfig.name, () => {
  it('fills in defaults for a service on Kafka', () => {
    expect(readPlatformConfig(DB)).toEqual({
      databaseUrl: DB.DATABASE_URL,
      bus: 'kafka',
      kafkaBrokers: ['127.0.0.1:9092'],
      kafkaClientId: 'underpin',
      kafkaNamespace: '',
      kafkaReplicationFactor: 1,
      logLevel: 'log',
      httpBodyLimitBytes: DEFAULT_HTTP_BODY_LIMIT_BYTES,
      retention: { processedEventsMs: 14 * 24 * 3_600_000, sweepIntervalMs: 3_600_000 },
    });
  });

  it.each([
    ['1048576', 1_048_576],
    ['512kb', 512 * 1024],
    ['16MB', 16 * 1024 * 1024],
    ['1.5mb', 1.5 * 1024 * 1024],
    [' 2 gb ', 2 * 1024 ** 3],
  ])('reads HTTP_BODY_LIMIT=%j as %d bytes', (raw, bytes) => {
    expect(readPlatformConfig({ ...DB, HTTP_BODY_LIMIT: raw }).httpBodyLimitBytes).toBe(bytes);
    expect(readHttpBodyLimit({ HTTP_BODY_LIMIT: raw })).toBe(bytes);
  });

  it('lists every bad setting at once, each by name', () => {
    const read = () => readPlatformConfig({ DATABASE_URL: 'mysql://x', UNDERPIN_BUS: 'carrier-pigeon', LOG_LEVEL: 'loud', HTTP_BODY_LIMIT: '10 megabytes' });
    expect(read).toThrow(ConfigException);
    expect(() => read()).toThrow(
      [
        'invalid configuration:',
        '  DATABASE_URL: expected a postgres:// URL',
        '  UNDERPIN_BUS: expected "kafka" or "in-process", got "carrier-pigeon"',
        '  LOG_LEVEL: expected error, warn, log or debug',
        '  HTTP_BODY_LIMIT: expected a size of at least 1kb like "512kb" or "16mb", got "10 megabytes"',
      ].join('\n'),
    );
  });

  it('reads KAFKA_NAMESPACE, and refuses one that cannot prefix topic names, naming it', () => {
    expect(readPlatformConfig({ ...DB, KAFKA_NAMESPACE: 'staging.eu-1' }).kafkaNamespace).toBe('staging.eu-1');
    expect(readPlatformConfig({ ...DB, KAFKA_NAMESPACE: '' }).kafkaNamespace).toBe('');
    expect(() => readPlatformConfig({ ...DB, KAFKA_NAMESPACE: 'staging/eu 1' })).toThrow(
      'KAFKA_NAMESPACE: must be letters, digits, "_" and "-" in parts separated by single dots, got "staging/eu 1"',
    );
    expect(() => readPlatformConfig({ ...DB, KAFKA_NAMESPACE: 'a..b' })).toThrow(ConfigException);
  });

  it('refuses a body limit too small for any request', () => {
    expect(() => readHttpBodyLimit({ HTTP_BODY_LIMIT: '100' })).toThrow('HTTP_BODY_LIMIT: expected a size of at least 1kb');
    expect(() => readHttpBodyLimit({ HTTP_BODY_LIMIT: '0kb' })).toThrow('HTTP_BODY_LIMIT');
  });
});

describe(readDeclaredByteSize.name, () => {
  const SIZES = defineSettings('sizes', [{ name: 'SIZE', description: 'a size', default: '8mb' }]);
  const read = (env: Record<string, string>) => {
    const problems: string[] = [];
    return { bytes: readDeclaredByteSize(settingValues(env, SIZES), 'SIZE', problems), problems };
  };

  it('reads a size as HTTP_BODY_LIMIT is written, its default when unset', () => {
    expect(read({})).toEqual({ bytes: 8 * 1024 ** 2, problems: [] });
    expect(read({ SIZE: '512kb' })).toEqual({ bytes: 512 * 1024, problems: [] });
  });

  it('names the setting of a size it cannot read, and goes on with the default', () => {
    expect(read({ SIZE: 'lots' })).toEqual({ bytes: 8 * 1024 ** 2, problems: ['SIZE: expected a size of at least 1kb like "512kb" or "16mb", got "lots"'] });
  });
});
