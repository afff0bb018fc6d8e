import { ConfigException } from '@underpin/platform';
import { readMetricsIngestionConfig } from './metrics-ingestion.config';

const TOKEN = 'a'.repeat(32);
const KAFKA = { bus: 'kafka' as const };
const IN_PROCESS = { bus: 'in-process' as const };

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigException) return error.problems;
    throw error;
  }
  return [];
}

describe(readMetricsIngestionConfig.name, () => {
  it('fills in the defaults', () => {
    expect(readMetricsIngestionConfig({ INGESTION_ADMIN_TOKEN: TOKEN }, KAFKA)).toEqual({
      adminToken: TOKEN,
      bodyLimitBytes: 8 * 1024 ** 2,
      maxInFlightBytes: 64 * 1024 ** 2,
      maxInFlightSamples: 200_000,
      maxBatchSamples: 50_000,
      samplesPerRecord: 1000,
      keyCacheTtlMs: 5_000,
      idempotencyRetentionMs: 86_400_000,
      maxAheadMs: 300_000,
    });
  });

  it('requires the admin token on Kafka, and lets the in-process bus run without one (admin API closed)', () => {
    expect(problemsOf(() => readMetricsIngestionConfig({}, KAFKA))).toEqual([
      'INGESTION_ADMIN_TOKEN: required, at least 32 characters (e.g. the output of openssl rand -hex 32); it guards the API-key admin API',
    ]);
    expect(readMetricsIngestionConfig({}, IN_PROCESS).adminToken).toBeUndefined();
  });

  it('refuses a short admin token without echoing it', () => {
    expect(problemsOf(() => readMetricsIngestionConfig({ INGESTION_ADMIN_TOKEN: 'secret' }, IN_PROCESS))).toEqual([
      'INGESTION_ADMIN_TOKEN: must be at least 32 characters without spaces, got 6 characters',
    ]);
  });

  it('lists every bad setting at once, each by name', () => {
    const problems = problemsOf(() =>
      readMetricsIngestionConfig(
        {
          INGESTION_ADMIN_TOKEN: TOKEN,
          INGEST_BODY_LIMIT: 'big',
          INGEST_MAX_IN_FLIGHT_SAMPLES: '0',
          INGEST_SAMPLES_PER_RECORD: '1001',
          INGEST_KEY_CACHE_TTL: '2m',
          INGEST_IDEMPOTENCY_RETENTION: '30s',
          INGEST_MAX_AHEAD: 'soon',
        },
        KAFKA,
      ),
    );
    expect(problems).toEqual([
      'INGEST_BODY_LIMIT: expected a size of at least 1kb like "512kb" or "16mb", got "big"',
      'INGEST_MAX_IN_FLIGHT_SAMPLES: expected a whole number from 1 to 10000000, got "0"',
      'INGEST_SAMPLES_PER_RECORD: expected a whole number from 1 to 1000, got "1001"',
      'INGEST_MAX_AHEAD: expected a duration like "14d", "36h" or "1h30m", got "soon"',
      'INGEST_KEY_CACHE_TTL: must be at most 1m, got "2m"',
      'INGEST_IDEMPOTENCY_RETENTION: must be at least 1m, got "30s"',
    ]);
  });
});
