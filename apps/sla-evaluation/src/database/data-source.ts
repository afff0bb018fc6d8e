// The data source of TypeORM's CLI (`npx nx run sla-evaluation:migration:run|revert|generate`): the
// service's schema, migrations and migrations table, as the service migrates them at boot.
import { databaseUrlFromProcess, migrationDataSource } from '@underpin/platform';
import { SLA_EVALUATION_DATABASE } from './sla-evaluation-database.constant';

export const dataSource = migrationDataSource(databaseUrlFromProcess(), SLA_EVALUATION_DATABASE);
