import { Injectable } from '@nestjs/common';
import type { CatalogFile } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';
import { checkPageSize, connectionOf, decodeCursor, encodeCursor, invalidCursor, type PageArgs } from '@underpin/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CatalogVersionConnectionModel, CatalogVersionModel } from '../graphql/schema.type';
import { CatalogIndex, type StoredCatalog } from './catalog-index.util';

interface VersionRow {
  version: string;
  revision: string;
  published_at: Date;
  model: Catalog;
  files: string[];
}

const VERSIONS_LIST = 'catalogVersions';

/** The columns of a version to index, its files as their paths. */
const VERSION_COLUMNS = `version, revision, published_at, model, ARRAY(SELECT f->>'path' FROM jsonb_array_elements(files) AS f) AS files`;

/** Versions are immutable; keeping the few latest indexed spares re-reading the model per query. */
const CACHED_VERSIONS = 4;

/** The catalogue versions table: the catalogue in force is the latest row. */
@Injectable()
export class CatalogVersionsService {
  private readonly cache = new Map<number, CatalogIndex>();

  constructor(private readonly dataSource: DataSource) {}

  /** The catalogue in force; undefined before the first publication. */
  async latest(): Promise<CatalogIndex | undefined> {
    const rows = (await this.dataSource.query(`SELECT version FROM ola_chaining.catalog_versions ORDER BY version DESC LIMIT 1`)) as Array<{ version: string }>;
    return rows.length === 0 ? undefined : this.byVersion(Number(rows[0].version));
  }

  async byVersion(version: number): Promise<CatalogIndex | undefined> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const [row] = (await this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM ola_chaining.catalog_versions WHERE version = $1`, [version])) as VersionRow[];
    return row && this.remember(toStored(row));
  }

  /**
   * The index of a revision the subgraph answered from, for the field resolvers of its models.
   * Equal revisions are equal catalogues, so any version of it serves; the newest is read.
   * Versions are never deleted, so a revision that was answered is always found.
   */
  async byRevision(revision: string): Promise<CatalogIndex> {
    const cached = [...this.cache.values()].find((index) => index.revision === revision);
    if (cached) return cached;
    const [row] = (await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS} FROM ola_chaining.catalog_versions WHERE revision = $1 ORDER BY version DESC LIMIT 1`,
      [revision],
    )) as VersionRow[];
    if (!row) throw new Error(`catalogue revision ${revision} is not stored`);
    return this.remember(toStored(row));
  }

  /** The latest version's revision and model, read under the caller's transaction. */
  async latestIn(manager: EntityManager): Promise<{ version: number; revision: string; catalog: Catalog; files: string[]; publishedAt: Date } | undefined> {
    const rows = (await manager.query(
      `SELECT version, revision, model, published_at, ARRAY(SELECT f->>'path' FROM jsonb_array_elements(files) AS f) AS files
       FROM ola_chaining.catalog_versions ORDER BY version DESC LIMIT 1`,
    )) as VersionRow[];
    const row = rows[0];
    return row && { version: Number(row.version), revision: row.revision, catalog: row.model, files: row.files, publishedAt: row.published_at };
  }

  async insert(manager: EntityManager, entry: { revision: string; files: readonly CatalogFile[]; catalog: Catalog; publishedAt: Date }): Promise<StoredCatalog> {
    const files = entry.files.map((file) => ({ path: file.path, text: file.text }));
    const rows = (await manager.query(
      `INSERT INTO ola_chaining.catalog_versions (revision, files, model, published_at) VALUES ($1, $2::jsonb, $3::jsonb, $4) RETURNING version`,
      [entry.revision, JSON.stringify(files), JSON.stringify(entry.catalog), entry.publishedAt],
    )) as Array<{ version: string }>;
    return { version: Number(rows[0].version), revision: entry.revision, publishedAt: entry.publishedAt, files: files.map((file) => file.path), catalog: entry.catalog };
  }

  /** Newest first; the cursor is the version number (the table's primary key). */
  async page({ first, after }: PageArgs): Promise<CatalogVersionConnectionModel> {
    checkPageSize(first);
    const before = after ? versionOf(after) : undefined;
    const rows = (await this.dataSource.query(
      `SELECT version, revision, published_at, ARRAY(SELECT f->>'path' FROM jsonb_array_elements(files) AS f) AS files,
              jsonb_array_length(model->'agreements') AS agreement_count
       FROM ola_chaining.catalog_versions ${before === undefined ? '' : 'WHERE version < $2'} ORDER BY version DESC LIMIT $1`,
      before === undefined ? [first + 1] : [first + 1, before],
    )) as Array<Omit<VersionRow, 'model'> & { agreement_count: number }>;
    return connectionOf(rows, first, (row) => encodeCursor(VERSIONS_LIST, [Number(row.version)]), toVersionModel);
  }

  /** Indexes a version (after a commit, or on first read) and keeps the latest few. */
  remember(stored: StoredCatalog): CatalogIndex {
    const index = this.cache.get(stored.version) ?? new CatalogIndex(stored);
    this.cache.set(stored.version, index);
    for (const version of [...this.cache.keys()].sort((a, b) => a - b).slice(0, -CACHED_VERSIONS)) this.cache.delete(version);
    return index;
  }
}

function versionOf(after: string): number {
  const [version] = decodeCursor(after, VERSIONS_LIST);
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw invalidCursor();
  return version as number;
}

function toVersionModel(row: Omit<VersionRow, 'model'> & { agreement_count: number }): CatalogVersionModel {
  return { version: Number(row.version), revision: row.revision, publishedAt: row.published_at, files: row.files, agreementCount: row.agreement_count };
}

function toStored(row: VersionRow): StoredCatalog {
  return { version: Number(row.version), revision: row.revision, publishedAt: row.published_at, files: row.files, catalog: row.model };
}
