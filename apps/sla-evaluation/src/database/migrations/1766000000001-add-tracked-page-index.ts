import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `trackedIncidents(first, after)` reads (last_event_at, id) latest first: each page from the index, not a sort of every incident. */
export class AddTrackedPageIndex1766000000001 implements MigrationInterface {
  name = 'AddTrackedPageIndex1766000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tracked_incidents_latest_first ON sla_evaluation.tracked_incidents (last_event_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sla_evaluation.tracked_incidents_latest_first`);
  }
}
