import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIncidents1764000000000 implements MigrationInterface {
  name = 'CreateIncidents1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE incidents.incident_number START 1001`);
    await q.query(`
      CREATE TABLE incidents.incidents (
        id text PRIMARY KEY,
        external_id text UNIQUE,
        title text,
        service text NOT NULL,
        customer text NOT NULL,
        region text,
        impact text NOT NULL,
        urgency text NOT NULL,
        priority text NOT NULL,
        status text NOT NULL,
        assignee text,
        opened_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The timeline is the incident's source of truth; the row above is its current summary.
    await q.query(`
      CREATE TABLE incidents.timeline_events (
        incident_id text NOT NULL REFERENCES incidents.incidents(id),
        seq integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        -- Idempotency key of an event received from outside (ITSM intake): a retried
        -- delivery finds its key and records nothing twice.
        external_key text UNIQUE,
        type text NOT NULL,
        at timestamptz NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (incident_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incidents.timeline_events`);
    await q.query(`DROP TABLE incidents.incidents`);
    await q.query(`DROP SEQUENCE incidents.incident_number`);
  }
}
