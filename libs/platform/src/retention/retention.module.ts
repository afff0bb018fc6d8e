import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { toSqlRunner } from '@underpin/messaging';
import { DataSource } from 'typeorm';
import { nestMessagingLogger } from '../messaging/service-messaging.module';
import type { ServiceRuntime } from '../service/service-runtime.type';
import { processedEventsRetentionRule } from './processed-events-rule.util';
import type { RetentionRule } from './retention-rule.type';
import { RetentionSweepService, type RetentionSweepOptions } from './retention-sweep.service';

export interface ServiceRetentionOptions {
  /** The service's own rules, run after its processed-events rule, in this order. */
  rules?: RetentionRule[];
  /** Overrides of the sweep's pacing (tests). */
  sweep?: Pick<RetentionSweepOptions, 'firstDelayMs' | 'batchSize' | 'maxBatchesPerRule'>;
}

/**
 * The service's retention sweep (`RetentionSweepService`) over its DataSource: processed-event ids
 * first, then the service's own rules, paced by the runtime's `config.retention`. Part of
 * ServiceCoreModule, so every service has it.
 */
@Module({})
export class RetentionModule {
  static forService(runtime: ServiceRuntime, schema: string, options: ServiceRetentionOptions = {}): DynamicModule {
    const config = runtime.config.retention;
    const rules = [processedEventsRetentionRule(schema, config.processedEventsMs), ...(options.rules ?? [])];
    return {
      module: RetentionModule,
      providers: [
        {
          provide: RetentionSweepService,
          useFactory: (dataSource: DataSource) =>
            new RetentionSweepService(toSqlRunner(dataSource), rules, {
              ...options.sweep,
              intervalMs: config.sweepIntervalMs,
              now: runtime.now,
              logger: nestMessagingLogger(new Logger(`${schema}.retention`)),
            }),
          inject: [DataSource],
        },
      ],
      exports: [RetentionSweepService],
    };
  }
}
