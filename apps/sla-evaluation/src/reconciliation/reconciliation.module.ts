import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ClocksModule } from '../clocks/clocks.module';
import { TimersModule } from '../timers/timers.module';
import { CatalogReconcilerService } from './catalog-reconciler.service';

/** Open incidents brought to each new catalogue. */
@Module({
  imports: [CatalogModule, ClocksModule, TimersModule],
  providers: [CatalogReconcilerService],
})
export class ReconciliationModule {}
