import { purgeProcessedEvents } from '@underpin/messaging';
import type { RetentionRule } from './retention-rule.type';

/**
 * Every service's rule: forget processed-event ids after `retentionMs`, all consumer groups
 * of the schema alike. Measured by the database's clock, which stamped them (not `now`).
 */
export function processedEventsRetentionRule(schema: string, retentionMs: number): RetentionRule {
  return {
    name: 'processed_events',
    deleteBatch: (sql, _now, limit) => purgeProcessedEvents(sql, { schema, olderThanMs: retentionMs, limit }),
  };
}
