import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { quoteSchema } from '@underpin/messaging';
import { catalogReplicaHistoryMigration, catalogReplicaMigration } from '../catalog/catalog-replica.migration';
import { messagingTablesMigration } from './messaging-tables.migration';

/** What a service keeps in PostgreSQL: one schema, its tables' entities and its migrations. */
export interface ServiceDatabase {
  /** PostgreSQL schema the service owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's own migrations; its outbox and processed-events tables come first. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  /** Whether it keeps a replica of the published catalogue, whose tables come next. */
  catalogReplica?: boolean;
}

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * The data source options of a service's database: its migrations in the order they run, the
 * platform's (messaging tables, then the catalogue replica's) before the service's own.
 */
export function serviceDataSourceOptions(url: string, database: ServiceDatabase): ServiceDataSourceOptions {
  return {
    url,
    schema: database.schema,
    entities: database.entities ?? [],
    migrations: [
      messagingTablesMigration(database.schema),
      ...(database.catalogReplica ? [catalogReplicaMigration(database.schema), catalogReplicaHistoryMigration(database.schema)] : []),
      ...(database.migrations ?? []),
    ],
  };
}

/**
 * One data source per service: its schema, its migrations and its migrations table.
 * `synchronize` stays off; the schema is made by migrations only.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: options.poolSize ?? 10, application_name: `underpin-${options.schema}` },
  });
}

/** Connects, makes sure the schema exists, and applies pending migrations. */
export async function openServiceDatabase(options: ServiceDataSourceOptions): Promise<DataSource> {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * The data source TypeORM's CLI migrates a service's schema with (`typeorm migration:run -d
 * apps/<service>/src/database/data-source.ts`): the same schema, migrations and migrations
 * table the service migrates at boot, the schema created first as openServiceDatabase does.
 * Not initialized: the CLI does that itself.
 */
export async function migrationDataSource(url: string, database: ServiceDatabase): Promise<DataSource> {
  const client = new Client({ connectionString: url, application_name: `underpin-${database.schema}-migrations` });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(database.schema)}`);
  } finally {
    await client.end();
  }
  return createServiceDataSource(serviceDataSourceOptions(url, database));
}
