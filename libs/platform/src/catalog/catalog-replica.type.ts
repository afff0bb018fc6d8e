import type { Catalog } from '@underpin/domain';

/** A catalogue version as a replica holds it. */
export interface CatalogSnapshot {
  /** Content hash given by ola-chaining: equal catalogues have equal revisions. */
  revision: string;
  catalog: Catalog;
  /** When ola-chaining published it (ISO-8601). */
  publishedAt: string;
}

/**
 * Called after a new catalogue is committed to the replica and in memory; `previous` is
 * undefined for the first one the service receives.
 */
export type CatalogChangeListener = (next: CatalogSnapshot, previous: CatalogSnapshot | undefined) => Promise<void> | void;
