// The data source of TypeORM's CLI (`npx nx run notifications:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { NOTIFICATIONS_DATABASE } from './notifications-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), NOTIFICATIONS_DATABASE);
