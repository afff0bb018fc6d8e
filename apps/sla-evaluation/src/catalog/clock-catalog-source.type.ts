import type { Catalog } from '@underpin/domain';

/** Where the clocks read the catalogue in force: the service's catalogue replica. */
export const CLOCK_CATALOG_SOURCE = Symbol('CLOCK_CATALOG_SOURCE');

export interface CatalogVersion {
  /** Content hash: equal catalogues have equal revisions. */
  revision: string;
  catalog: Catalog;
}

export interface ClockCatalogSource {
  /** The catalogue in force; undefined until the first one is known. */
  current(): CatalogVersion | undefined;
  /** Calls the listener after each change of revision; returns a function that removes it. */
  onChange(listener: (next: CatalogVersion) => void | Promise<void>): () => void;
}
