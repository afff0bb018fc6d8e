// The data source of TypeORM's CLI (`npx nx run metrics-ingestion:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { METRICS_INGESTION_DATABASE } from './metrics-ingestion-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), METRICS_INGESTION_DATABASE);
