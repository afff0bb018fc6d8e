import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteSchema } from '@underpin/messaging';

/**
 * The service's copy of the latest published catalogue: one row, replaced by each
 * `catalog.published` it applies (the versions before it are kept apart, see
 * catalogReplicaHistoryMigrationSql).
 */
export function catalogReplicaMigrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE TABLE IF NOT EXISTS ${s}.catalog_replica (
  slot text PRIMARY KEY DEFAULT 'current' CHECK (slot = 'current'),
  revision text NOT NULL,
  catalog jsonb NOT NULL,
  source jsonb,
  published_at timestamptz NOT NULL,
  event_id uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
`.trim();
}

export function catalogReplicaMigrationDownSql(schema: string): string {
  return `DROP TABLE IF EXISTS ${quoteSchema(schema)}.catalog_replica;`;
}

/**
 * For a service's migration list (ServiceCoreModule adds it with `catalogReplica: true`).
 * Timestamped between the messaging tables and the services' own migrations.
 */
export function catalogReplicaMigration(schema: string): new () => MigrationInterface {
  return class CreateCatalogReplica1763999999500 implements MigrationInterface {
    name = 'CreateCatalogReplica1763999999500';

    async up(q: QueryRunner): Promise<void> {
      await q.query(catalogReplicaMigrationSql(schema));
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(catalogReplicaMigrationDownSql(schema));
    }
  };
}

/**
 * Every catalogue the replica has been given, in order, kept beside the one in force: a
 * warning or breach is judged under the terms in force when it happened, and an incident
 * that spans two versions needs both. The replica row points at its history entry.
 */
export function catalogReplicaHistoryMigrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE TABLE ${s}.catalog_replica_history (
  seq bigserial PRIMARY KEY,
  revision text NOT NULL,
  catalog jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE ${s}.catalog_replica ADD COLUMN history_seq bigint;
WITH first AS (
  INSERT INTO ${s}.catalog_replica_history (revision, catalog, published_at, received_at)
  SELECT revision, catalog, published_at, received_at FROM ${s}.catalog_replica
  RETURNING seq
)
UPDATE ${s}.catalog_replica SET history_seq = (SELECT seq FROM first);
`.trim();
}

export function catalogReplicaHistoryMigration(schema: string): new () => MigrationInterface {
  return class CreateCatalogReplicaHistory1763999999600 implements MigrationInterface {
    name = 'CreateCatalogReplicaHistory1763999999600';

    async up(q: QueryRunner): Promise<void> {
      await q.query(catalogReplicaHistoryMigrationSql(schema));
    }

    async down(q: QueryRunner): Promise<void> {
      const s = quoteSchema(schema);
      await q.query(`ALTER TABLE ${s}.catalog_replica DROP COLUMN history_seq; DROP TABLE ${s}.catalog_replica_history;`);
    }
  };
}
