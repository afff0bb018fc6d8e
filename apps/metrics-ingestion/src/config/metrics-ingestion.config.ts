import { MAX_SAMPLES_PER_BATCH } from '@underpin/contracts';
import { ConfigException, readDeclaredByteSize, readDeclaredDuration, settingValues, type Env, type PlatformConfig, type SettingValues } from '@underpin/platform';
import { METRICS_INGESTION_SETTINGS } from './metrics-ingestion-settings.constant';

type SettingName = (typeof METRICS_INGESTION_SETTINGS.settings)[number]['name'];

export const METRICS_INGESTION_CONFIG = Symbol('METRICS_INGESTION_CONFIG');

export interface MetricsIngestionConfig {
  /**
   * INGESTION_ADMIN_TOKEN: the bearer token of the key admin API. Absent only on the
   * in-process bus, where the admin API then refuses every call (the all-in-one always sets one).
   */
  adminToken?: string;
  /** INGEST_BODY_LIMIT: largest decompressed body of one request. */
  bodyLimitBytes: number;
  /** INGEST_MAX_IN_FLIGHT_BYTES: body bytes being read and parsed at once. */
  maxInFlightBytes: number;
  /** INGEST_MAX_IN_FLIGHT_SAMPLES: samples of the requests being checked or written, not answered yet. */
  maxInFlightSamples: number;
  /** INGEST_MAX_BATCH_SAMPLES: samples one request may carry. */
  maxBatchSamples: number;
  /** INGEST_SAMPLES_PER_RECORD: most samples in one `samples.batch` record. */
  samplesPerRecord: number;
  /** INGEST_KEY_CACHE_TTL: how long a looked-up API key is trusted without the database. */
  keyCacheTtlMs: number;
  /** INGEST_IDEMPOTENCY_RETENTION: how long answers to requests with an Idempotency-Key are kept. */
  idempotencyRetentionMs: number;
  /** INGEST_MAX_AHEAD: how far ahead of the service's clock a sample's `at` may lie. */
  maxAheadMs: number;
}

const MIN_TOKEN_LENGTH = 32;
const MINUTE_MS = 60_000;

/**
 * Reads and checks the service's settings, listing every problem at once. The admin token
 * is required on Kafka (a service process of the distributed mode); `platform` absent (its
 * own settings had problems), that check waits for the next start.
 */
export function readMetricsIngestionConfig(env: Env, platform: Pick<PlatformConfig, 'bus'> | undefined): MetricsIngestionConfig {
  const problems: string[] = [];
  const values = settingValues(env, METRICS_INGESTION_SETTINGS);
  const adminToken = readAdminToken(values, platform, problems);
  const config: MetricsIngestionConfig = {
    ...(adminToken !== undefined ? { adminToken } : {}),
    bodyLimitBytes: readDeclaredByteSize(values, 'INGEST_BODY_LIMIT', problems),
    maxInFlightBytes: readDeclaredByteSize(values, 'INGEST_MAX_IN_FLIGHT_BYTES', problems),
    maxInFlightSamples: readWholeNumber(values, 'INGEST_MAX_IN_FLIGHT_SAMPLES', 1, 10_000_000, problems),
    maxBatchSamples: readWholeNumber(values, 'INGEST_MAX_BATCH_SAMPLES', 1, 1_000_000, problems),
    samplesPerRecord: readWholeNumber(values, 'INGEST_SAMPLES_PER_RECORD', 1, MAX_SAMPLES_PER_BATCH, problems),
    keyCacheTtlMs: readDeclaredDuration(values, 'INGEST_KEY_CACHE_TTL', problems),
    idempotencyRetentionMs: readDeclaredDuration(values, 'INGEST_IDEMPOTENCY_RETENTION', problems),
    maxAheadMs: readDeclaredDuration(values, 'INGEST_MAX_AHEAD', problems),
  };
  if (config.keyCacheTtlMs > MINUTE_MS) problems.push(`INGEST_KEY_CACHE_TTL: must be at most 1m, got "${values.raw('INGEST_KEY_CACHE_TTL')}"`);
  if (config.idempotencyRetentionMs < MINUTE_MS) problems.push(`INGEST_IDEMPOTENCY_RETENTION: must be at least 1m, got "${values.raw('INGEST_IDEMPOTENCY_RETENTION')}"`);
  if (problems.length > 0) throw new ConfigException(problems);
  return config;
}

/** The settings of this process, from its environment. */
export function metricsIngestionConfigFromProcess(platform: Pick<PlatformConfig, 'bus'>): MetricsIngestionConfig {
  return readMetricsIngestionConfig(process.env, platform);
}

function readAdminToken(values: SettingValues<SettingName>, platform: Pick<PlatformConfig, 'bus'> | undefined, problems: string[]): string | undefined {
  const token = values.raw('INGESTION_ADMIN_TOKEN')?.trim() || undefined;
  if (token === undefined) {
    if (platform !== undefined && platform.bus !== 'in-process') {
      problems.push(`INGESTION_ADMIN_TOKEN: required, at least ${MIN_TOKEN_LENGTH} characters (e.g. the output of openssl rand -hex 32); it guards the API-key admin API`);
    }
    return undefined;
  }
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    problems.push(`INGESTION_ADMIN_TOKEN: must be at least ${MIN_TOKEN_LENGTH} characters without spaces, got ${token.length} characters`);
    return undefined;
  }
  return token;
}

function readWholeNumber(values: SettingValues<SettingName>, name: SettingName, min: number, max: number, problems: string[]): number {
  const fallback = Number(values.fallback(name));
  const raw = values.raw(name);
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return fallback;
}
