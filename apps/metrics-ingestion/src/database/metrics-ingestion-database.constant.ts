import type { ServiceDatabase } from '@underpin/platform';
import { ApiKeyEntity } from '../keys/api-key.entity';
import { CreateIngestionTables1767000000000 } from './migrations/1767000000000-create-ingestion-tables';

export const METRICS_INGESTION_SCHEMA = 'metrics_ingestion';

/** The sources' API keys and the answers kept for Idempotency-Key retries, beside the platform's tables. */
export const METRICS_INGESTION_DATABASE: ServiceDatabase = {
  schema: METRICS_INGESTION_SCHEMA,
  entities: [ApiKeyEntity],
  migrations: [CreateIngestionTables1767000000000],
};
