import { Inject, Injectable } from '@nestjs/common';
import { CLOCK_CATALOG_SOURCE, type ClockCatalogSource } from './clock-catalog-source.type';
import { compileCatalog, type CompiledCatalog } from './compiled-catalog.util';

/**
 * The catalogue in force with its calendars compiled, recompiled only when the revision
 * changes: calendars are compiled once per revision, not per evaluation.
 */
@Injectable()
export class CompiledCatalogs {
  private compiled: CompiledCatalog | undefined;

  constructor(@Inject(CLOCK_CATALOG_SOURCE) private readonly source: ClockCatalogSource) {}

  current(): CompiledCatalog | undefined {
    const version = this.source.current();
    if (version === undefined) return undefined;
    if (this.compiled?.revision !== version.revision) this.compiled = compileCatalog(version);
    return this.compiled;
  }
}
