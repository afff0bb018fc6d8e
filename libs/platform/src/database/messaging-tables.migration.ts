import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxMigrationDownSql, outboxMigrationSql, processedEventsMigrationDownSql, processedEventsMigrationSql } from '@underpin/messaging';

/**
 * The first migration of every service: its outbox and processed-events tables, in its own
 * schema. The same name in every schema is fine: each schema keeps its own migrations table.
 */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  return class CreateMessagingTables1763999999000 implements MigrationInterface {
    name = 'CreateMessagingTables1763999999000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(outboxMigrationSql(schema));
      await q.query(processedEventsMigrationSql(schema));
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(processedEventsMigrationDownSql(schema));
      await q.query(outboxMigrationDownSql(schema));
    }
  };
}
