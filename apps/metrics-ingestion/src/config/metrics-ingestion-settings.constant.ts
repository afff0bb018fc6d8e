import { defineSettings } from '@underpin/platform';

/** What metrics-ingestion reads beyond the platform's settings. */
export const METRICS_INGESTION_SETTINGS = defineSettings('metrics-ingestion', [
  {
    name: 'INGESTION_ADMIN_TOKEN',
    description:
      'Bearer token of the API-key admin API (`/admin/keys`, `underpin keys`), at least 32 characters without spaces (`openssl rand -hex 32`). Required on Kafka; the all-in-one generates one at each start when it is unset and prints it.',
    required: true,
    example: 'replace-with-the-output-of-openssl-rand-hex-32',
  },
  {
    name: 'INGEST_BODY_LIMIT',
    description: 'Largest body of one `POST /samples` once decompressed, at least `1kb`; a larger one gets HTTP 413 and nothing of it is accepted.',
    default: '8mb',
  },
  {
    name: 'INGEST_MAX_IN_FLIGHT_BYTES',
    description:
      'Body bytes (as received plus decompressed) of the requests being read at once, at least `1kb`; a request that would pass it gets HTTP 429 with `Retry-After` (one request alone is always let in).',
    default: '64mb',
  },
  {
    name: 'INGEST_MAX_IN_FLIGHT_SAMPLES',
    description:
      'Samples of the requests being checked and written to the bus at once, counted before they are parsed, 1 to 10000000; a request that would pass it gets HTTP 429 with `Retry-After` (one request alone is always let in).',
    default: '200000',
  },
  {
    name: 'INGEST_MAX_BATCH_SAMPLES',
    description: 'Most samples one `POST /samples` may carry, 1 to 1000000; a larger batch gets HTTP 413 and nothing of it is accepted.',
    default: '50000',
  },
  {
    name: 'INGEST_SAMPLES_PER_RECORD',
    description: 'Most samples in one `samples.batch` record of `metrics.samples.v1`, 1 to 1000.',
    default: '1000',
  },
  {
    name: 'INGEST_KEY_CACHE_TTL',
    description:
      'How long an API key, once looked up, is trusted without asking the database again, from `0s` to `1m`: the instance that revokes a key refuses it at once, other instances within this time.',
    default: '5s',
  },
  {
    name: 'INGEST_IDEMPOTENCY_RETENTION',
    description:
      'How long the answer to a request sent with an `Idempotency-Key` is kept, to answer its retries without writing anything again, at least `1m`; a retry after that is written again under the same record ids, which consumers skip.',
    default: '24h',
  },
  {
    name: 'INGEST_MAX_AHEAD',
    description: "A sample whose `at` lies further ahead of the service's clock than this is rejected (a sender's clock gone wrong).",
    default: '5m',
  },
]);
