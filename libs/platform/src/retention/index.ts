export { RetentionModule, type ServiceRetentionOptions } from './retention.module';
export { RetentionSweepService, RETENTION_BATCH_SIZE, type RetentionOutcome, type RetentionSweepOptions } from './retention-sweep.service';
export type { RetentionRule } from './retention-rule.type';
export { sqlRetentionRule, type SqlRetentionRuleOptions } from './sql-retention-rule.util';
export { processedEventsRetentionRule } from './processed-events-rule.util';
