import type { ServiceDatabase } from '@underpin/platform';

export const METRICS_INGESTION_SCHEMA = 'metrics_ingestion';

/** Only the platform's tables so far (outbox, processed events). */
export const METRICS_INGESTION_DATABASE: ServiceDatabase = { schema: METRICS_INGESTION_SCHEMA };
