import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts that turn out never to have happened, and alerts too old to page anyone. A trigger
 * keeps whether it was historical (recorded, never matched), when it was restated and when
 * and why it was withdrawn; a delivery may be cancelled before it is sent, and a correction
 * names the delivery it corrects.
 */
export class AlertCorrections1766000000000 implements MigrationInterface {
  name = 'AlertCorrections1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications.triggers
        ADD COLUMN historical boolean NOT NULL DEFAULT false,
        ADD COLUMN restated_at timestamptz,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdraw_reason text,
        ADD COLUMN withdrawn_by uuid`);
    await q.query(`CREATE INDEX triggers_by_alert ON notifications.triggers (incident, agreement, objective, threshold) WHERE event IN ('warning', 'breach')`);
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled'))`);
    await q.query(`ALTER TABLE notifications.deliveries ADD COLUMN corrects uuid`);
    await q.query(`CREATE INDEX deliveries_by_trigger ON notifications.deliveries (trigger_event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications.deliveries_by_trigger`);
    await q.query(`ALTER TABLE notifications.deliveries DROP COLUMN corrects`);
    await q.query(`UPDATE notifications.deliveries SET status = 'dead' WHERE status = 'cancelled'`);
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'dead'))`);
    await q.query(`DROP INDEX notifications.triggers_by_alert`);
    await q.query(`ALTER TABLE notifications.triggers DROP COLUMN withdrawn_by, DROP COLUMN withdraw_reason, DROP COLUMN withdrawn_at, DROP COLUMN restated_at, DROP COLUMN historical`);
  }
}
