import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sources' API keys (hashed), and the answers to requests sent with an Idempotency-Key,
 * so that a retry is answered without writing its samples to the bus again.
 */
export class CreateIngestionTables1767000000000 implements MigrationInterface {
  name = 'CreateIngestionTables1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metrics_ingestion.api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        services text[] NOT NULL,
        regions text[] NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_in_creation_order ON metrics_ingestion.api_keys (created_at, id)`);
    await q.query(`
      CREATE TABLE metrics_ingestion.idempotent_requests (
        key_id text NOT NULL REFERENCES metrics_ingestion.api_keys (id),
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        status int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (key_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX idempotent_requests_by_age ON metrics_ingestion.idempotent_requests (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE metrics_ingestion.idempotent_requests`);
    await q.query(`DROP TABLE metrics_ingestion.api_keys`);
  }
}
