import { quoteSchema } from './sql-runner.type';

/**
 * The outbox table of one service schema. Rows are deleted once relayed: the topic is the
 * record of what was sent, the table only what is still to send, so it stays small and hot.
 * The (topic, event_key, position) index lets concurrent relays keep per-key order.
 * `json`, not `jsonb`: the relay sends the text back byte for byte, with no parse on insert
 * and no re-serialisation on read.
 */
export function outboxMigrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.outbox (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  event_key text NOT NULL,
  envelope json NOT NULL,
  headers json NOT NULL DEFAULT '{}'::json,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS outbox_topic_key_position ON ${s}.outbox (topic, event_key, position);
`.trim();
}

export function outboxMigrationDownSql(schema: string): string {
  return `DROP TABLE IF EXISTS ${quoteSchema(schema)}.outbox;`;
}

/** Ids of the events each consumer group of the service has applied, for idempotency. */
export function processedEventsMigrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.processed_events (
  consumer_group text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON ${s}.processed_events (processed_at);
`.trim();
}

export function processedEventsMigrationDownSql(schema: string): string {
  return `DROP TABLE IF EXISTS ${quoteSchema(schema)}.processed_events;`;
}

/** Channel the outbox notifies on commit, so a relay wakes without polling. */
export function outboxChannel(schema: string): string {
  quoteSchema(schema);
  return `underpin_outbox_${schema}`;
}
