import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `incidents(first, after)` reads (opened_at, id) newest first: each page from the index, not a sort of every incident. */
export class AddIncidentPageIndex1766000000000 implements MigrationInterface {
  name = 'AddIncidentPageIndex1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX incidents_newest_first ON incidents.incidents (opened_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incidents.incidents_newest_first`);
  }
}
