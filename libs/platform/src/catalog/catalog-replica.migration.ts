import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteSchema } from '@underpin/messaging';

/**
 * The service's copy of the latest published catalogue: one row, replaced by each
 * `catalog.published` it applies. One row rather than a history: the owner (ola-chaining)
 * keeps the versions; a replica only needs what is in force.
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
