// The data source of TypeORM's CLI (`npx nx run incidents:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { INCIDENTS_DATABASE } from './incidents-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), INCIDENTS_DATABASE);
