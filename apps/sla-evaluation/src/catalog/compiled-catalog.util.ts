import { catalogCalendars, type CatalogVersion } from '@underpin/domain';
import type { SourceCatalog } from './clock-catalog-source.type';

/**
 * A catalogue version with its calendars compiled once (a compiled calendar caches its
 * weeks), and the instant from which it is in force, in event time.
 */
export interface CompiledCatalog extends CatalogVersion {
  seq: number;
}

export function compileCatalog(version: Pick<SourceCatalog, 'revision' | 'catalog'> & Partial<Pick<SourceCatalog, 'seq'>>, from = Number.NEGATIVE_INFINITY): CompiledCatalog {
  return { seq: version.seq ?? 0, revision: version.revision, from, catalog: version.catalog, calendarOf: catalogCalendars(version.catalog) };
}
