import { parseDuration } from '@underpin/contracts';
import { formatCatalogDuration } from '@underpin/domain';
import { PLATFORM_SETTINGS } from './platform-settings.constant';
import type { Env } from './setting.type';
import { settingValues, type SettingValues } from './settings.util';

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;

/**
 * How long the platform's topics keep records. No topic in `TOPIC_REGISTRY` sets
 * `retention.ms` and `planTopics` creates them with none, so every topic (and its `.dlq`
 * twin) keeps the broker's `log.retention.hours`: 168 h unless the broker says otherwise.
 */
export const TOPIC_RETENTION_MS = 7 * DAY_MS;

export interface RetentionConfig {
  /**
   * How long a consumed event's id is remembered for idempotency (PROCESSED_EVENTS_RETENTION).
   * Longer than the topics' retention, so any event a consumer can still be handed again
   * (offsets reset, a group re-reading from the earliest record) finds its id and is skipped.
   */
  processedEventsMs: number;
  /** Time between two retention sweeps of a service (RETENTION_SWEEP_INTERVAL). */
  sweepIntervalMs: number;
}

/**
 * Reads PROCESSED_EVENTS_RETENTION and RETENTION_SWEEP_INTERVAL (part of readPlatformConfig),
 * adding one line per bad variable, named, to `problems`.
 */
export function readRetentionConfig(env: Env, problems: string[], defaults: Partial<RetentionConfig> = {}): RetentionConfig {
  const values = settingValues(env, PLATFORM_SETTINGS);
  const processedEventsMs = readDeclaredDuration(values, 'PROCESSED_EVENTS_RETENTION', problems, defaults.processedEventsMs);
  if (processedEventsMs <= TOPIC_RETENTION_MS) {
    problems.push(
      `PROCESSED_EVENTS_RETENTION: must be longer than the topics' retention (${formatCatalogDuration(TOPIC_RETENTION_MS / SECOND_MS)}, Kafka's log.retention.hours), ` +
        `got ${formatCatalogDuration(processedEventsMs / SECOND_MS)}: an event redelivered after its id is forgotten would be applied twice`,
    );
  }
  const sweepIntervalMs = readDeclaredDuration(values, 'RETENTION_SWEEP_INTERVAL', problems, defaults.sweepIntervalMs);
  if (sweepIntervalMs < SECOND_MS || sweepIntervalMs > DAY_MS) {
    problems.push(`RETENTION_SWEEP_INTERVAL: must be between 1s and 1d, got ${formatCatalogDuration(sweepIntervalMs / SECOND_MS)}`);
  }
  return { processedEventsMs, sweepIntervalMs };
}

/**
 * A duration setting of a group, in milliseconds; unset or empty, `fallbackMs` if a host gave
 * one, else the group's declared default.
 */
export function readDeclaredDuration<N extends string>(values: SettingValues<N>, name: N, problems: string[], fallbackMs?: number): number {
  const raw = values.raw(name);
  return readDurationSetting(raw === undefined ? {} : { [name]: raw }, name, fallbackMs ?? declaredDurationMs(values, name), problems);
}

function declaredDurationMs<N extends string>(values: SettingValues<N>, name: N): number {
  const seconds = parseDuration(values.fallback(name));
  if (seconds === undefined) throw new Error(`the declared default of ${name} is not a duration`);
  return seconds * SECOND_MS;
}

/**
 * A duration setting in milliseconds, written as the catalogue writes durations: `90s`,
 * `15m`, `36h`, `1h30m`, `14d` (a day is 24 hours). Absent or empty: `fallbackMs`.
 */
export function readDurationSetting(env: Env, name: string, fallbackMs: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallbackMs;
  const seconds = parseDuration(raw.trim());
  if (seconds === undefined) {
    problems.push(`${name}: expected a duration like "14d", "36h" or "1h30m", got "${raw}"`);
    return fallbackMs;
  }
  return seconds * SECOND_MS;
}

