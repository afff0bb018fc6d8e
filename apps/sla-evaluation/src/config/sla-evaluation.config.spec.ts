import { ConfigException } from '@underpin/platform';
import { readSlaEvaluationConfig } from './sla-evaluation.config';

describe(readSlaEvaluationConfig.name, () => {
  it('pages for nothing older than a day and waits a minute for the consumer by default', () => {
    expect(readSlaEvaluationConfig({})).toEqual({ alertHistoryMs: 86_400_000, catchUpTimeoutMs: 60_000, incidentBatchSize: 500 });
  });

  it('reads durations as the catalogue writes them', () => {
    expect(readSlaEvaluationConfig({ ALERT_HISTORY_AGE: '36h', TIMER_CATCH_UP_TIMEOUT: '90s', INCIDENT_EVENTS_BATCH: '1' })).toEqual({
      alertHistoryMs: 36 * 3_600_000,
      catchUpTimeoutMs: 90_000,
      incidentBatchSize: 1,
    });
  });

  it('names every bad setting at once', () => {
    const read = () => readSlaEvaluationConfig({ ALERT_HISTORY_AGE: 'a day', TIMER_CATCH_UP_TIMEOUT: '0s', INCIDENT_EVENTS_BATCH: '0' });
    expect(read).toThrow(ConfigException);
    expect(read).toThrow(/ALERT_HISTORY_AGE: expected a duration like "14d"[^]*INCIDENT_EVENTS_BATCH: expected a whole number from 1 to 10000, got "0"[^]*TIMER_CATCH_UP_TIMEOUT: must be longer than 0s/);
  });
});
