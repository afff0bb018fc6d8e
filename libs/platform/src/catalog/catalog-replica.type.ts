import type { Catalog } from '@underpin/domain';

/** A catalogue version as a replica holds it. */
export interface CatalogSnapshot {
  /** Content hash given by ola-chaining: equal catalogues have equal revisions. */
  revision: string;
  catalog: Catalog;
  /** When ola-chaining published it (ISO-8601). */
  publishedAt: string;
  /** Its place in the replica's history: later catalogues have greater numbers. */
  seq: number;
}

/** A catalogue the replica was given, without the catalogue itself (see CatalogReplicaService.catalogOf). */
export interface CatalogVersionRef {
  seq: number;
  revision: string;
  /** When ola-chaining published it (ISO-8601). */
  publishedAt: string;
}

/**
 * Called after a new catalogue is committed to the replica and in memory; `previous` is
 * undefined for the first one the service receives.
 */
export type CatalogChangeListener = (next: CatalogSnapshot, previous: CatalogSnapshot | undefined) => Promise<void> | void;
