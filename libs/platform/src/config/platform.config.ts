import { kafkaNamespaceProblem } from '@underpin/messaging';
import { readRetentionConfig, type RetentionConfig } from './retention.config';

/**
 * The settings every service reads at boot, validated once. Only config files read
 * process.env; everything else receives a typed config.
 */
export type BusKind = 'kafka' | 'in-process';

export interface PlatformConfig {
  databaseUrl: string;
  bus: BusKind;
  kafkaBrokers: string[];
  kafkaClientId: string;
  /** KAFKA_NAMESPACE: prefix of every topic and consumer group on the brokers ('' for none). */
  kafkaNamespace: string;
  kafkaReplicationFactor: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Largest JSON request body accepted (a whole catalogue travels in one publishCatalog). */
  httpBodyLimitBytes: number;
  /** What the retention sweep keeps how long (PROCESSED_EVENTS_RETENTION, RETENTION_SWEEP_INTERVAL). */
  retention: RetentionConfig;
}

/** Default HTTP_BODY_LIMIT: room for a catalogue of thousands of agreements. */
export const DEFAULT_HTTP_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function readPlatformConfig(env: Env, defaults: Partial<PlatformConfig> = {}): PlatformConfig {
  const problems: string[] = [];
  const databaseUrl = env['DATABASE_URL'] ?? defaults.databaseUrl;
  if (!databaseUrl) problems.push('DATABASE_URL: required (e.g. postgres://user:pass@host:5432/underpin)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: expected a postgres:// URL');

  const bus = (env['UNDERPIN_BUS'] ?? defaults.bus ?? 'kafka') as BusKind;
  if (bus !== 'kafka' && bus !== 'in-process') problems.push(`UNDERPIN_BUS: expected "kafka" or "in-process", got "${bus}"`);

  const brokers = (env['KAFKA_BROKERS'] ?? defaults.kafkaBrokers?.join(',') ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (bus === 'kafka' && brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    problems.push('KAFKA_BROKERS: expected a comma-separated list of host:port');
  }
  const kafkaNamespace = (env['KAFKA_NAMESPACE'] ?? defaults.kafkaNamespace ?? '').trim();
  const namespaceProblem = kafkaNamespaceProblem(kafkaNamespace);
  if (namespaceProblem) problems.push(`KAFKA_NAMESPACE: ${namespaceProblem}`);
  const kafkaReplicationFactor = positiveInt(
    env['KAFKA_REPLICATION_FACTOR'],
    defaults.kafkaReplicationFactor ?? 1,
    'KAFKA_REPLICATION_FACTOR',
    problems,
  );
  const logLevel = (env['LOG_LEVEL'] ?? defaults.logLevel ?? 'log') as PlatformConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) problems.push('LOG_LEVEL: expected error, warn, log or debug');

  const httpBodyLimitBytes = byteSize(env['HTTP_BODY_LIMIT'], defaults.httpBodyLimitBytes ?? DEFAULT_HTTP_BODY_LIMIT_BYTES, 'HTTP_BODY_LIMIT', problems);
  const retention = readRetentionConfig(env, problems, defaults.retention);

  if (problems.length) throw new ConfigError(problems);
  return {
    databaseUrl: databaseUrl!,
    bus,
    kafkaBrokers: brokers,
    kafkaClientId: env['KAFKA_CLIENT_ID'] ?? defaults.kafkaClientId ?? 'underpin',
    kafkaNamespace,
    kafkaReplicationFactor,
    logLevel,
    httpBodyLimitBytes,
    retention,
  };
}

/** HTTP_BODY_LIMIT alone, for processes without a database (the gateway). */
export function readHttpBodyLimit(env: Env): number {
  const problems: string[] = [];
  const bytes = byteSize(env['HTTP_BODY_LIMIT'], DEFAULT_HTTP_BODY_LIMIT_BYTES, 'HTTP_BODY_LIMIT', problems);
  if (problems.length) throw new ConfigError(problems);
  return bytes;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `512kb`, `16mb`, `1048576`: a size in bytes, at least 1 kB. */
function byteSize(raw: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  const bytes = match ? Math.floor(Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]!) : NaN;
  if (!(bytes >= 1024)) {
    problems.push(`${name}: expected a size of at least 1kb like "512kb" or "16mb", got "${raw}"`);
    return fallback;
  }
  return bytes;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const problems: string[] = [];
  const port = positiveInt(env[name], fallback, name, problems, true);
  if (problems.length) throw new ConfigError(problems);
  return port;
}

function positiveInt(raw: string | undefined, fallback: number, name: string, problems: string[], allowZero = false): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    problems.push(`${name}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}"`);
    return fallback;
  }
  return n;
}
