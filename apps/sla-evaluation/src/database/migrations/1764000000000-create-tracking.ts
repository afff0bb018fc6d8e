import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTracking1764000000000 implements MigrationInterface {
  name = 'CreateTracking1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_evaluation.tracked_incidents (
        id text PRIMARY KEY,
        service text NOT NULL,
        customer text NOT NULL,
        region text,
        priority text NOT NULL,
        opened_at timestamptz NOT NULL,
        events_applied integer NOT NULL,
        last_event_at timestamptz NOT NULL,
        timeline jsonb NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_evaluation.tracked_incidents`);
  }
}
