import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts judged in event time: each incident row keeps the alerts recorded for it (fired,
 * perhaps withdrawn since) and the horizon they were judged up to, under the row lock every
 * path takes, so each evaluation compares what happened with what was recorded. The alerts
 * table keeps each alert's story: its terms, whether it was too old to page anyone, when it
 * was restated or withdrawn and why.
 */
export class AlertsInEventTime1766000000000 implements MigrationInterface {
  name = 'AlertsInEventTime1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sla_evaluation.alerts
        ADD COLUMN revision text,
        ADD COLUMN historical boolean NOT NULL DEFAULT false,
        ADD COLUMN restated_at timestamptz,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdraw_reason text`);
    await q.query(`
      ALTER TABLE sla_evaluation.tracked_incidents
        ADD COLUMN alert_state json NOT NULL DEFAULT '[]'::json,
        ADD COLUMN alert_horizon timestamptz`);
    await q.query(`
      UPDATE sla_evaluation.tracked_incidents AS i
      SET alert_state = a.state, alert_horizon = i.evaluated_at
      FROM (
        SELECT x.incident, json_agg(json_build_object(
          'agreement', x.agreement, 'objective', x.objective, 'kind', x.kind, 'threshold', x.threshold,
          'at', round(extract(epoch FROM x.at) * 1000), 'dueAt', round(extract(epoch FROM x.due_at) * 1000),
          'revision', coalesce(t.catalog_revision, ''), 'withdrawn', false)) AS state
        FROM sla_evaluation.alerts AS x JOIN sla_evaluation.tracked_incidents AS t ON t.id = x.incident
        GROUP BY x.incident
      ) AS a
      WHERE a.incident = i.id`);
    await q.query(`UPDATE sla_evaluation.alerts AS x SET revision = t.catalog_revision FROM sla_evaluation.tracked_incidents AS t WHERE t.id = x.incident`);
    await q.query(`ALTER TABLE sla_evaluation.tracked_incidents DROP COLUMN alerted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_evaluation.tracked_incidents ADD COLUMN alerted text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE sla_evaluation.tracked_incidents AS i SET alerted = a.keys
      FROM (SELECT incident, array_agg(agreement || '/' || objective || '/' || kind || '/' || threshold) AS keys FROM sla_evaluation.alerts GROUP BY incident) AS a
      WHERE a.incident = i.id`);
    await q.query(`ALTER TABLE sla_evaluation.tracked_incidents DROP COLUMN alert_horizon, DROP COLUMN alert_state`);
    await q.query(`
      ALTER TABLE sla_evaluation.alerts
        DROP COLUMN withdraw_reason, DROP COLUMN withdrawn_at, DROP COLUMN restated_at, DROP COLUMN historical, DROP COLUMN revision`);
  }
}
