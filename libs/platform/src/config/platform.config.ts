import { kafkaNamespaceProblem } from '@underpin/messaging';
import { HTTP_SETTINGS, PLATFORM_SETTINGS, type HttpSettingName } from './platform-settings.constant';
import { readRetentionConfig, type RetentionConfig } from './retention.config';
import type { Env, SettingGroup } from './setting.type';
import { settingValues, type SettingValues } from './settings.util';
import { ConfigException } from './config.exception';

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

/** Where a process's HTTP server listens (PORT, HOST). */
export interface ListenConfig {
  port: number;
  host: string;
}

/**
 * Runs a reader, adding what its ConfigException lists to `problems` instead of throwing, so a
 * process that reads several groups reports every problem of all of them at once.
 */
export function gatherProblems<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

const LOG_LEVELS: readonly PlatformConfig['logLevel'][] = ['error', 'warn', 'log', 'debug'];

/** Default HTTP_BODY_LIMIT: room for a catalogue of thousands of agreements. */
export const DEFAULT_HTTP_BODY_LIMIT_BYTES = parseByteSize(settingValues({}, HTTP_SETTINGS).fallback('HTTP_BODY_LIMIT'))!;

export function readPlatformConfig(env: Env, defaults: Partial<PlatformConfig> = {}): PlatformConfig {
  const problems: string[] = [];
  const values = settingValues(env, PLATFORM_SETTINGS);
  const http = settingValues(env, HTTP_SETTINGS);
  const databaseUrl = values.raw('DATABASE_URL') ?? defaults.databaseUrl;
  const databaseProblem = databaseUrlProblem(databaseUrl);
  if (databaseProblem) problems.push(databaseProblem);

  const bus = (values.raw('UNDERPIN_BUS') ?? defaults.bus ?? values.fallback('UNDERPIN_BUS')) as BusKind;
  if (bus !== 'kafka' && bus !== 'in-process') problems.push(`UNDERPIN_BUS: expected "kafka" or "in-process", got "${bus}"`);

  const brokers = (values.raw('KAFKA_BROKERS') ?? defaults.kafkaBrokers?.join(',') ?? values.fallback('KAFKA_BROKERS'))
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (bus === 'kafka' && brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    problems.push('KAFKA_BROKERS: expected a comma-separated list of host:port');
  }
  const kafkaNamespace = (values.raw('KAFKA_NAMESPACE') ?? defaults.kafkaNamespace ?? values.fallback('KAFKA_NAMESPACE')).trim();
  const namespaceProblem = kafkaNamespaceProblem(kafkaNamespace);
  if (namespaceProblem) problems.push(`KAFKA_NAMESPACE: ${namespaceProblem}`);
  const kafkaReplicationFactor = positiveInt(
    values.raw('KAFKA_REPLICATION_FACTOR'),
    defaults.kafkaReplicationFactor ?? Number(values.fallback('KAFKA_REPLICATION_FACTOR')),
    'KAFKA_REPLICATION_FACTOR',
    problems,
  );
  const logLevel = (http.raw('LOG_LEVEL') ?? defaults.logLevel ?? http.fallback('LOG_LEVEL')) as PlatformConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push('LOG_LEVEL: expected error, warn, log or debug');

  const httpBodyLimitBytes = byteSize(http.raw('HTTP_BODY_LIMIT'), defaults.httpBodyLimitBytes ?? DEFAULT_HTTP_BODY_LIMIT_BYTES, 'HTTP_BODY_LIMIT', problems);
  const retention = readRetentionConfig(env, problems, defaults.retention);

  if (problems.length) throw new ConfigException(problems);
  return {
    databaseUrl: databaseUrl!,
    bus,
    kafkaBrokers: brokers,
    kafkaClientId: values.raw('KAFKA_CLIENT_ID') ?? defaults.kafkaClientId ?? values.fallback('KAFKA_CLIENT_ID'),
    kafkaNamespace,
    kafkaReplicationFactor,
    logLevel,
    httpBodyLimitBytes,
    retention,
  };
}

/** DATABASE_URL alone, for tools that only reach the database (TypeORM's migration CLI). */
export function readDatabaseUrl(env: Env): string {
  const databaseUrl = settingValues(env, PLATFORM_SETTINGS).raw('DATABASE_URL');
  const problem = databaseUrlProblem(databaseUrl);
  if (problem) throw new ConfigException([problem]);
  return databaseUrl!;
}

/** DATABASE_URL of this process, from its environment. */
export function databaseUrlFromProcess(): string {
  return readDatabaseUrl(process.env);
}

function databaseUrlProblem(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return 'DATABASE_URL: required (e.g. postgres://user:pass@host:5432/underpin)';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return 'DATABASE_URL: expected a postgres:// URL';
  return undefined;
}

/** HTTP_BODY_LIMIT alone, for processes without a database (the gateway). */
export function readHttpBodyLimit(env: Env): number {
  const problems: string[] = [];
  const bytes = byteSize(settingValues(env, HTTP_SETTINGS).raw('HTTP_BODY_LIMIT'), DEFAULT_HTTP_BODY_LIMIT_BYTES, 'HTTP_BODY_LIMIT', problems);
  if (problems.length) throw new ConfigException(problems);
  return bytes;
}

/** LOG_LEVEL alone, for processes without a database (the gateway). */
export function readLogLevel(env: Env): PlatformConfig['logLevel'] {
  const http = settingValues(env, HTTP_SETTINGS);
  const logLevel = (http.raw('LOG_LEVEL') ?? http.fallback('LOG_LEVEL')) as PlatformConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigException(['LOG_LEVEL: expected error, warn, log or debug']);
  return logLevel;
}

/**
 * PORT and HOST, with the defaults of `settings` (HTTP_SETTINGS as a host adjusted them:
 * the gateway and the all-in-one listen on 4000). An empty HOST is the default one.
 */
export function readListenConfig(env: Env, settings: SettingGroup<HttpSettingName> = HTTP_SETTINGS): ListenConfig {
  const problems: string[] = [];
  const values = settingValues(env, settings);
  const port = positiveInt(values.raw('PORT'), Number(values.fallback('PORT')), 'PORT', problems, true);
  const host = values.raw('HOST')?.trim() || values.fallback('HOST');
  if (/\s/.test(host)) problems.push(`HOST: expected an address like 127.0.0.1 or 0.0.0.0, got "${host}"`);
  if (problems.length) throw new ConfigException(problems);
  return { port, host };
}

/** `512kb`, `16mb`, `1048576`: a size in bytes; undefined when it is not one. */
function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  return match ? Math.floor(Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]!) : undefined;
}

/** A size in bytes, at least 1 kB. */
function byteSize(raw: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const bytes = parseByteSize(raw) ?? NaN;
  if (!(bytes >= 1024)) {
    problems.push(`${name}: expected a size of at least 1kb like "512kb" or "16mb", got "${raw}"`);
    return fallback;
  }
  return bytes;
}

/**
 * A size setting in bytes, written like HTTP_BODY_LIMIT (`512kb`, `16mb`, `1048576`), at
 * least 1 kB; unset or empty, its declared default.
 */
export function readDeclaredByteSize<N extends string>(values: SettingValues<N>, name: N, problems: string[]): number {
  const fallback = parseByteSize(values.fallback(name));
  if (fallback === undefined) throw new Error(`the declared default of ${name} is not a size`);
  return byteSize(values.raw(name), fallback, name, problems);
}

export function readPort(env: Env, name: string, fallback: number): number {
  const problems: string[] = [];
  const port = positiveInt(env[name], fallback, name, problems, true);
  if (problems.length) throw new ConfigException(problems);
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
