import type { Catalog } from '@underpin/domain';

/** Where the clocks read the catalogue: the service's catalogue replica. */
export const CLOCK_CATALOG_SOURCE = Symbol('CLOCK_CATALOG_SOURCE');

/** A catalogue the service was given: its place in the history and when it was published. */
export interface CatalogVersionRef {
  seq: number;
  revision: string;
  /** ISO-8601. */
  publishedAt: string;
}

export interface SourceCatalog extends CatalogVersionRef {
  catalog: Catalog;
}

export interface ClockCatalogSource {
  /** The catalogue in force; undefined until the first one is known. */
  current(): SourceCatalog | undefined;
  /** Every catalogue given so far, oldest first; the last one is `current()`. */
  versions(): readonly CatalogVersionRef[];
  /** The catalogue of one of `versions()`. */
  catalogOf(seq: number): Promise<Catalog>;
  /** Calls the listener after each change of revision; returns a function that removes it. */
  onChange(listener: (next: SourceCatalog) => void | Promise<void>): () => void;
}
