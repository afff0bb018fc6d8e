import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention sweep looks rows up by (see notificationsRetentionRules), so an hourly
 * sweep reads the rows it deletes, not whole tables: finished deliveries by age, matched
 * triggers by age, and a trigger's escalations (the UNIQUE key starts with the policy).
 */
export class AddRetentionIndexes1765000000001 implements MigrationInterface {
  name = 'AddRetentionIndexes1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deliveries_finished ON notifications.deliveries (created_at) WHERE status <> 'pending'`);
    await q.query(`CREATE INDEX triggers_matched ON notifications.triggers (recorded_at) WHERE matched_at IS NOT NULL`);
    await q.query(`CREATE INDEX pending_escalations_by_trigger ON notifications.pending_escalations (trigger_event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['pending_escalations_by_trigger', 'triggers_matched', 'deliveries_finished']) {
      await q.query(`DROP INDEX notifications.${index}`);
    }
  }
}
