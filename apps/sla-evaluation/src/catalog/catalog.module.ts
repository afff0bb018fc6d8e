import { Module } from '@nestjs/common';
import { CatalogReplicaService } from '@underpin/platform';
import { CLOCK_CATALOG_SOURCE } from './clock-catalog-source.type';
import { CompiledCatalogsService } from './compiled-catalogs.service';

/** The catalogue versions clocks are measured under, from the service's replica, compiled once each. */
@Module({
  providers: [{ provide: CLOCK_CATALOG_SOURCE, useExisting: CatalogReplicaService }, CompiledCatalogsService],
  exports: [CLOCK_CATALOG_SOURCE, CompiledCatalogsService],
})
export class CatalogModule {}
