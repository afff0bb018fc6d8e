import { ConfigError, readDurationSetting } from '@underpin/platform';

export interface SlaEvaluationConfig {
  /**
   * ALERT_HISTORY_AGE: an alert crossed longer ago than this when it fires (history being
   * loaded, a backfill) is recorded and published as historical, and pages nobody.
   */
  alertHistoryMs: number;
  /**
   * TIMER_CATCH_UP_TIMEOUT: how long the timer loop waits, at start-up and after the incident
   * consumer stalls, for that consumer to catch up before it fires timers anyway.
   */
  catchUpTimeoutMs: number;
  /**
   * INCIDENT_EVENTS_BATCH: most incident events applied in one transaction. Larger batches
   * catch up faster; the alerts are the same whatever the batching.
   */
  incidentBatchSize: number;
}

type Env = Record<string, string | undefined>;

export const SLA_EVALUATION_CONFIG = Symbol('SLA_EVALUATION_CONFIG');

/** Reads and checks the service's settings, listing every problem at once. */
export function readSlaEvaluationConfig(env: Env): SlaEvaluationConfig {
  const problems: string[] = [];
  const config = {
    alertHistoryMs: readDurationSetting(env, 'ALERT_HISTORY_AGE', 24 * 3_600_000, problems),
    catchUpTimeoutMs: readDurationSetting(env, 'TIMER_CATCH_UP_TIMEOUT', 60_000, problems),
    incidentBatchSize: readBatchSize(env, problems),
  };
  if (config.catchUpTimeoutMs <= 0) problems.push('TIMER_CATCH_UP_TIMEOUT: must be longer than 0s');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readBatchSize(env: Env, problems: string[]): number {
  const raw = env['INCIDENT_EVENTS_BATCH'];
  if (raw === undefined || raw.trim() === '') return 500;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1 && value <= 10_000) return value;
  problems.push(`INCIDENT_EVENTS_BATCH: expected a whole number from 1 to 10000, got "${raw}"`);
  return 500;
}

/** The settings of this process, from its environment. */
export function slaEvaluationConfigFromProcess(): SlaEvaluationConfig {
  return readSlaEvaluationConfig(process.env);
}
