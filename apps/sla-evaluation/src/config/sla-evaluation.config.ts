import { ConfigException, defineSettings, readDeclaredDuration, settingValues, type Env, type SettingValues } from '@underpin/platform';

/** What sla-evaluation reads beyond the platform's settings. */
export const SLA_EVALUATION_SETTINGS = defineSettings('sla-evaluation', [
  {
    name: 'ALERT_HISTORY_AGE',
    description: 'An alert crossed longer ago than this when it fires (history being loaded) is recorded as historical and pages nobody.',
    default: '24h',
  },
  {
    name: 'TIMER_CATCH_UP_TIMEOUT',
    description: 'How long timers wait, at start-up and after the incident consumer stalls, for that consumer to catch up before they fire anyway (longer than `0s`).',
    default: '60s',
  },
  {
    name: 'INCIDENT_EVENTS_BATCH',
    description: 'Most incident events applied in one transaction, 1 to 10000; the alerts are the same whatever the batching.',
    default: '500',
  },
]);

type SlaEvaluationSettingName = (typeof SLA_EVALUATION_SETTINGS.settings)[number]['name'];

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

export const SLA_EVALUATION_CONFIG = Symbol('SLA_EVALUATION_CONFIG');

/** Reads and checks the service's settings, listing every problem at once. */
export function readSlaEvaluationConfig(env: Env): SlaEvaluationConfig {
  const problems: string[] = [];
  const values = settingValues(env, SLA_EVALUATION_SETTINGS);
  const config = {
    alertHistoryMs: readDeclaredDuration(values, 'ALERT_HISTORY_AGE', problems),
    catchUpTimeoutMs: readDeclaredDuration(values, 'TIMER_CATCH_UP_TIMEOUT', problems),
    incidentBatchSize: readBatchSize(values, problems),
  };
  if (config.catchUpTimeoutMs <= 0) problems.push('TIMER_CATCH_UP_TIMEOUT: must be longer than 0s');
  if (problems.length > 0) throw new ConfigException(problems);
  return config;
}

function readBatchSize(values: SettingValues<SlaEvaluationSettingName>, problems: string[]): number {
  const fallback = Number(values.fallback('INCIDENT_EVENTS_BATCH'));
  const raw = values.raw('INCIDENT_EVENTS_BATCH');
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1 && value <= 10_000) return value;
  problems.push(`INCIDENT_EVENTS_BATCH: expected a whole number from 1 to 10000, got "${raw}"`);
  return fallback;
}

/** The settings of this process, from its environment. */
export function slaEvaluationConfigFromProcess(): SlaEvaluationConfig {
  return readSlaEvaluationConfig(process.env);
}
