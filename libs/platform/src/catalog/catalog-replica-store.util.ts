import type { CatalogPublishedPayload } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';
import { type Queryable, type SqlRunner, quoteSchema, toSqlRunner } from '@underpin/messaging';
import type { CatalogSnapshot, CatalogVersionRef } from './catalog-replica.type';

interface ReplicaRow {
  revision: string;
  catalog: Catalog;
  published_at: Date;
  history_seq: string | number;
}

/** SQL of the replica table; the caller chooses the transaction. */
export class CatalogReplicaStore {
  private readonly table: string;
  private readonly history: string;

  constructor(schema: string) {
    this.table = `${quoteSchema(schema)}.catalog_replica`;
    this.history = `${quoteSchema(schema)}.catalog_replica_history`;
  }

  async read(sql: Queryable | SqlRunner): Promise<CatalogSnapshot | undefined> {
    const rows = await toSqlRunner(sql).query<ReplicaRow>(`SELECT revision, catalog, published_at, history_seq FROM ${this.table} WHERE slot = 'current'`);
    return rows[0] === undefined ? undefined : toSnapshot(rows[0]);
  }

  /** Every catalogue given to the replica, oldest first, without the catalogues. */
  async versions(sql: Queryable | SqlRunner): Promise<CatalogVersionRef[]> {
    const rows = await toSqlRunner(sql).query<{ seq: string; revision: string; published_at: Date }>(
      `SELECT seq, revision, published_at FROM ${this.history} ORDER BY seq`,
    );
    return rows.map((row) => ({ seq: Number(row.seq), revision: row.revision, publishedAt: new Date(row.published_at).toISOString() }));
  }

  /** The catalogue of one history entry. */
  async catalogOf(sql: Queryable | SqlRunner, seq: number): Promise<Catalog | undefined> {
    const rows = await toSqlRunner(sql).query<{ catalog: Catalog }>(`SELECT catalog FROM ${this.history} WHERE seq = $1`, [seq]);
    return rows[0]?.catalog;
  }

  async revision(sql: Queryable | SqlRunner): Promise<string | undefined> {
    const rows = await toSqlRunner(sql).query<{ revision: string }>(`SELECT revision FROM ${this.table} WHERE slot = 'current'`);
    return rows[0]?.revision;
  }

  /**
   * Stores `payload` as the catalogue in force, unless it has the revision already stored
   * (a re-announcement). Returns the new snapshot, or undefined when nothing changed.
   */
  async replace(sql: Queryable | SqlRunner, payload: CatalogPublishedPayload, eventId: string): Promise<CatalogSnapshot | undefined> {
    const runner = toSqlRunner(sql);
    const held = await runner.query<{ revision: string }>(`SELECT revision FROM ${this.table} WHERE slot = 'current' FOR UPDATE`);
    if (held[0]?.revision === payload.revision) return undefined;
    const rows = await runner.query<ReplicaRow>(
      `WITH entry AS (
         INSERT INTO ${this.history} (revision, catalog, published_at) VALUES ($1, $2::jsonb, $4) RETURNING seq
       )
       INSERT INTO ${this.table} (slot, revision, catalog, source, published_at, event_id, received_at, history_seq)
       VALUES ('current', $1, $2::jsonb, $3::jsonb, $4, $5, now(), (SELECT seq FROM entry))
       ON CONFLICT (slot) DO UPDATE SET revision = EXCLUDED.revision, catalog = EXCLUDED.catalog, source = EXCLUDED.source,
         published_at = EXCLUDED.published_at, event_id = EXCLUDED.event_id, received_at = EXCLUDED.received_at,
         history_seq = EXCLUDED.history_seq
       RETURNING revision, catalog, published_at, history_seq`,
      [payload.revision, JSON.stringify(payload.catalog), payload.source === undefined ? null : JSON.stringify(payload.source), payload.at, eventId],
    );
    return toSnapshot(rows[0]);
  }
}

function toSnapshot(row: ReplicaRow): CatalogSnapshot {
  const publishedAt = row.published_at instanceof Date ? row.published_at : new Date(row.published_at);
  return { revision: row.revision, catalog: row.catalog, publishedAt: publishedAt.toISOString(), seq: Number(row.history_seq) };
}
