import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { SLA_EVALUATION_CONFIG, type SlaEvaluationConfig } from '../config/sla-evaluation.config';
import { ClockQueryService } from './clock-query.service';
import { ClockRefreshService } from './clock-refresh.service';
import { CLOCK_STORE_OPTIONS, ClockStoreService, type ClockStoreOptions } from './clock-store.service';
import { ClocksResolver } from './clocks.resolver';

/** Each incident's clocks: evaluated, stored with their alerts (published through the outbox), and queried. */
@Module({
  imports: [CatalogModule],
  providers: [
    {
      provide: CLOCK_STORE_OPTIONS,
      useFactory: (config: SlaEvaluationConfig): ClockStoreOptions => ({ historyMs: config.alertHistoryMs }),
      inject: [SLA_EVALUATION_CONFIG],
    },
    ClockStoreService,
    ClockRefreshService,
    ClockQueryService,
    ClocksResolver,
  ],
  exports: [ClockRefreshService, ClockQueryService],
})
export class ClocksModule {}
