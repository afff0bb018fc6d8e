import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live clocks: the incident's timeline state next to the events it was built from, one row
 * per applicable objective, the durable timers that wake the service at the next warning or
 * breach, and the alerts fired (unique per threshold, so each fires once).
 */
export class CreateClocks1765000000000 implements MigrationInterface {
  name = 'CreateClocks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // An event may arrive before `incident.opened` (it is then kept among the rejected ones),
    // so the attributes the opening gives are unknown until it comes. Timelines are json, not
    // jsonb: rewritten on every event, read whole, never queried inside.
    await q.query(`
      ALTER TABLE sla_evaluation.tracked_incidents
        ALTER COLUMN service DROP NOT NULL,
        ALTER COLUMN customer DROP NOT NULL,
        ALTER COLUMN priority DROP NOT NULL,
        ALTER COLUMN opened_at DROP NOT NULL,
        ADD COLUMN status text NOT NULL DEFAULT 'open',
        ADD COLUMN holder text,
        ALTER COLUMN timeline TYPE json,
        ADD COLUMN state json,
        ADD COLUMN rejected_events json NOT NULL DEFAULT '[]'::json,
        ADD COLUMN catalog_revision text,
        ADD COLUMN evaluated_at timestamptz,
        ADD COLUMN alerted text[] NOT NULL DEFAULT '{}',
        ADD COLUMN clock_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX tracked_incidents_open_holder ON sla_evaluation.tracked_incidents (holder) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tracked_incidents_open_revision ON sla_evaluation.tracked_incidents (catalog_revision, id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE sla_evaluation.clocks (
        incident text NOT NULL REFERENCES sla_evaluation.tracked_incidents(id) ON DELETE CASCADE,
        agreement text NOT NULL,
        objective text NOT NULL,
        metric text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SLA', 'OLA', 'UC')),
        party text NOT NULL,
        role text NOT NULL CHECK (role IN ('sla', 'underpinning')),
        priority text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'running', 'paused', 'stopped')),
        elapsed_seconds double precision NOT NULL,
        target_seconds double precision NOT NULL,
        remaining_seconds double precision NOT NULL,
        due_at timestamptz,
        breached boolean NOT NULL,
        breached_at timestamptz,
        next_kind text CHECK (next_kind IN ('warning', 'breach')),
        next_threshold double precision,
        next_at timestamptz,
        evaluated_at timestamptz NOT NULL,
        catalog_revision text NOT NULL,
        PRIMARY KEY (incident, agreement, objective)
      )`);
    // One timer per clock, disarmed (no fire_at) while the clock has nothing to fire: every
    // write is then an upsert by key, whose plan no stale statistics can turn into a scan.
    await q.query(`
      CREATE TABLE sla_evaluation.timers (
        incident text NOT NULL REFERENCES sla_evaluation.tracked_incidents(id) ON DELETE CASCADE,
        agreement text NOT NULL,
        objective text NOT NULL,
        kind text CHECK (kind IN ('warning', 'breach')),
        threshold double precision,
        fire_at timestamptz,
        PRIMARY KEY (incident, agreement, objective),
        CHECK ((kind IS NULL) = (fire_at IS NULL) AND (threshold IS NULL) = (fire_at IS NULL))
      )`);
    await q.query(`CREATE INDEX timers_fire_at ON sla_evaluation.timers (fire_at) WHERE fire_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE sla_evaluation.alerts (
        incident text NOT NULL,
        agreement text NOT NULL,
        objective text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
        threshold double precision NOT NULL,
        at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        fired_at timestamptz NOT NULL,
        CONSTRAINT alerts_once PRIMARY KEY (incident, agreement, objective, kind, threshold)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_evaluation.alerts`);
    await q.query(`DROP TABLE sla_evaluation.timers`);
    await q.query(`DROP TABLE sla_evaluation.clocks`);
    await q.query(`DROP INDEX sla_evaluation.tracked_incidents_open_revision`);
    await q.query(`DROP INDEX sla_evaluation.tracked_incidents_open_holder`);
    await q.query(`
      ALTER TABLE sla_evaluation.tracked_incidents
        DROP COLUMN clock_keys,
        DROP COLUMN alerted,
        DROP COLUMN evaluated_at,
        DROP COLUMN catalog_revision,
        DROP COLUMN rejected_events,
        DROP COLUMN state,
        DROP COLUMN holder,
        DROP COLUMN status,
        ALTER COLUMN timeline TYPE jsonb USING timeline::jsonb`);
  }
}
