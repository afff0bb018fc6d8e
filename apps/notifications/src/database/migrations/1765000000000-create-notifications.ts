import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1765000000000 implements MigrationInterface {
  name = 'CreateNotifications1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // What this service knows of each incident, from incident events only.
    await q.query(`
      CREATE TABLE notifications.incidents (
        id text PRIMARY KEY,
        title text,
        service text NOT NULL,
        customer text NOT NULL,
        region text,
        priority text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'resolved', 'closed')),
        holder text,
        opened_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX incidents_by_update ON notifications.incidents (updated_at DESC)`);
    // The status feed's history: one row per incident event worth telling the public.
    await q.query(`
      CREATE TABLE notifications.incident_updates (
        event_id uuid PRIMARY KEY,
        incident text NOT NULL REFERENCES notifications.incidents (id),
        kind text NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL,
        summary text NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_updates_by_time ON notifications.incident_updates (at DESC, event_id)`);
    await q.query(`CREATE INDEX incident_updates_by_incident ON notifications.incident_updates (incident, at)`);
    // Facts a policy may react to, recorded as they arrive and matched by the loop, so an event
    // that arrives before the catalogue (or before its incident) is matched later, not lost.
    await q.query(`
      CREATE TABLE notifications.triggers (
        event_id uuid PRIMARY KEY,
        event text NOT NULL CHECK (event IN ('warning', 'breach', 'not-acknowledged', 'exit-trigger')),
        incident text,
        agreement text,
        objective text,
        threshold double precision,
        occurred_at timestamptz NOT NULL,
        details jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        matched_at timestamptz
      )`);
    await q.query(`CREATE INDEX triggers_unmatched ON notifications.triggers (recorded_at) WHERE matched_at IS NULL`);
    // Durable timers: one per policy and trigger, fired by the loop once due_at has passed.
    await q.query(`
      CREATE TABLE notifications.pending_escalations (
        id bigserial PRIMARY KEY,
        policy text NOT NULL,
        trigger_event_id uuid NOT NULL REFERENCES notifications.triggers (event_id),
        incident text,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled', 'skipped')),
        outcome text,
        created_at timestamptz NOT NULL,
        settled_at timestamptz,
        UNIQUE (policy, trigger_event_id)
      )`);
    await q.query(`CREATE INDEX pending_escalations_due ON notifications.pending_escalations (due_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX pending_escalations_by_incident ON notifications.pending_escalations (incident) WHERE status = 'pending'`);
    // The delivery outbox: a row per message to send, committed before any send, so a crash
    // between commit and send retries instead of losing it; UNIQUE so a trigger sends once.
    await q.query(`
      CREATE TABLE notifications.deliveries (
        id uuid PRIMARY KEY,
        policy text NOT NULL,
        incident text,
        agreement text,
        trigger_event_id uuid NOT NULL,
        recipient text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        address text NOT NULL,
        calendar text,
        message jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    await q.query(`
      CREATE UNIQUE INDEX deliveries_once
        ON notifications.deliveries (policy, (COALESCE(incident, '')), trigger_event_id, recipient, channel)`);
    await q.query(`CREATE INDEX deliveries_due ON notifications.deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE notifications.dead_letters (
        delivery_id uuid PRIMARY KEY REFERENCES notifications.deliveries (id),
        policy text NOT NULL,
        incident text,
        recipient text NOT NULL,
        channel text NOT NULL,
        address text NOT NULL,
        attempts integer NOT NULL,
        last_error text NOT NULL,
        failed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['dead_letters', 'deliveries', 'pending_escalations', 'triggers', 'incident_updates', 'incidents']) {
      await q.query(`DROP TABLE notifications.${table}`);
    }
  }
}
