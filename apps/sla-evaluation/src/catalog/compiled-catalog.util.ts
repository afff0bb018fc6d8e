import { catalogCalendars, type CalendarResolver, type Catalog } from '@underpin/domain';
import type { CatalogVersion } from './clock-catalog-source.type';

/** A catalogue revision with its calendars compiled once (a compiled calendar caches its weeks). */
export interface CompiledCatalog {
  revision: string;
  catalog: Catalog;
  calendarOf: CalendarResolver;
}

export function compileCatalog(version: CatalogVersion): CompiledCatalog {
  return { revision: version.revision, catalog: version.catalog, calendarOf: catalogCalendars(version.catalog) };
}
