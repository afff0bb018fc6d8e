import type { ServiceDatabase } from '@underpin/platform';
import { CreateCatalogVersions1764000000000 } from './migrations/1764000000000-create-catalog-versions';

export const OLA_CHAINING_SCHEMA = 'ola_chaining';

export const OLA_CHAINING_DATABASE: ServiceDatabase = { schema: OLA_CHAINING_SCHEMA, migrations: [CreateCatalogVersions1764000000000] };
