import { defineSettings } from './settings.util';

/** The loopback interface: a process is reachable from elsewhere only when HOST says so (containers set 0.0.0.0). */
export const DEFAULT_HOST = '127.0.0.1';

/** What every service reads: its database, its bus and what it keeps how long (readPlatformConfig). */
export const PLATFORM_SETTINGS = defineSettings('Services: database, Kafka, retention', [
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL (`postgres://…`); each service creates and migrates its own schema in it.',
    required: true,
    example: 'postgres://underpin:underpin@localhost:5432/underpin',
  },
  { name: 'UNDERPIN_BUS', description: '`kafka`, or `in-process` when one process hosts every service.', default: 'kafka' },
  { name: 'KAFKA_BROKERS', description: 'Comma-separated `host:port` list.', default: '127.0.0.1:9092' },
  { name: 'KAFKA_CLIENT_ID', description: 'The Kafka client id.', default: 'underpin' },
  {
    name: 'KAFKA_NAMESPACE',
    description:
      'Prefix of every topic and consumer group the platform uses on the brokers (`<namespace>.incidents.events.v1`), so several platforms or test runs share one cluster apart; empty for none.',
    default: '',
  },
  {
    name: 'KAFKA_REPLICATION_FACTOR',
    description: 'Replication of the topics the platform creates (never auto-created; partitions per topic are in the topic registry of `libs/contracts`).',
    default: '1',
  },
  // 14 days: the topics' 7, plus up to one more because Kafka deletes whole log segments (a
  // segment rolls after `log.roll.hours`, 168 by default), so a record can stay readable for
  // almost twice the retention.
  {
    name: 'PROCESSED_EVENTS_RETENTION',
    description:
      "How long consumed event ids are kept for idempotency: longer than the topics' retention (7 days), see docs/architecture.md § Retention.",
    default: '14d',
  },
  { name: 'RETENTION_SWEEP_INTERVAL', description: 'Time between two retention sweeps, from `1s` to `1d`.', default: '1h' },
]);

/** What every process with an HTTP server reads (readListenConfig, readPlatformConfig, readHttpBodyLimit). */
export const HTTP_SETTINGS = defineSettings('HTTP and logs', [
  { name: 'PORT', description: 'Where `/health` (and `/graphql`, where there is one) listen; `0` picks a free port.', default: '3000' },
  { name: 'HOST', description: 'The address to listen on; `0.0.0.0` for every interface (containers).', default: DEFAULT_HOST },
  {
    name: 'HTTP_BODY_LIMIT',
    description: 'Largest JSON request body, at least `1kb` (a whole catalogue travels in one `publishCatalog`); a larger one gets HTTP 413 saying so.',
    default: '16mb',
  },
  {
    name: 'LOG_LEVEL',
    description: '`error`, `warn`, `log` or `debug` (adds one `event handled` line per event and consumer group); lines written in a trace end with `trace=<id>`.',
    default: 'log',
  },
]);

export type HttpSettingName = (typeof HTTP_SETTINGS.settings)[number]['name'];
