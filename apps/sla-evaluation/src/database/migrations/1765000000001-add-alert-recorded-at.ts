import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an alert row (and its event) was written, by the database's clock: `fired_at` is the
 * service's clock, which tests drive, so the firing lag is read from this one.
 */
export class AddAlertRecordedAt1765000000001 implements MigrationInterface {
  name = 'AddAlertRecordedAt1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_evaluation.alerts ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_evaluation.alerts DROP COLUMN recorded_at`);
  }
}
