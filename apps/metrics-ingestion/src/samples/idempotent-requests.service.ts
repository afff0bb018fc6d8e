import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, sqlRetentionRule, type RetentionRule, type ServiceRuntime } from '@underpin/platform';
import { DataSource } from 'typeorm';
import type { IngestResponseDto } from './dto/ingest-response.dto';

/** What was answered to a request with an Idempotency-Key, kept to answer its retries. */
export interface RememberedAnswer {
  /** SHA-256 of the request's format and decompressed body: a retry must send the same. */
  fingerprint: string;
  status: 200 | 207;
  body: IngestResponseDto;
}

/**
 * The answers to requests sent with an Idempotency-Key, by API key and Idempotency-Key, kept
 * for INGEST_IDEMPOTENCY_RETENTION. Only answers whose samples the bus acknowledged are kept:
 * a request refused (4xx) or failed (5xx) wrote nothing and is simply tried again.
 */
@Injectable()
export class IdempotentRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async find(keyId: string, idempotencyKey: string): Promise<RememberedAnswer | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT fingerprint, status, response FROM metrics_ingestion.idempotent_requests WHERE key_id = $1 AND idempotency_key = $2`,
      [keyId, idempotencyKey],
    )) as Array<{ fingerprint: string; status: 200 | 207; response: IngestResponseDto }>;
    const row = rows[0];
    return row === undefined ? undefined : { fingerprint: row.fingerprint, status: row.status, body: row.response };
  }

  /** Keeps the first answer: a concurrent twin on another instance wrote the same records. */
  async remember(keyId: string, idempotencyKey: string, answer: RememberedAnswer): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO metrics_ingestion.idempotent_requests (key_id, idempotency_key, fingerprint, status, response, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [keyId, idempotencyKey, answer.fingerprint, answer.status, JSON.stringify(answer.body), new Date(this.runtime.now())],
    );
  }
}

/** Forgets answers older than INGEST_IDEMPOTENCY_RETENTION (by the service's clock, which stamped them). */
export function idempotentRequestsRetentionRule(retentionMs: number): RetentionRule {
  return sqlRetentionRule({
    name: 'idempotent_requests',
    retentionMs,
    sql: `WITH doomed AS MATERIALIZED (
            SELECT key_id, idempotency_key FROM metrics_ingestion.idempotent_requests
            WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
          ), gone AS (
            DELETE FROM metrics_ingestion.idempotent_requests r USING doomed d
            WHERE r.key_id = d.key_id AND r.idempotency_key = d.idempotency_key RETURNING 1
          )
          SELECT count(*)::int AS n FROM gone`,
  });
}
