// The data source of TypeORM's CLI (`npx nx run credits:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { CREDITS_DATABASE } from './credits-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), CREDITS_DATABASE);
