// The data source of TypeORM's CLI (`npx nx run ola-chaining:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { OLA_CHAINING_DATABASE } from './ola-chaining-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), OLA_CHAINING_DATABASE);
