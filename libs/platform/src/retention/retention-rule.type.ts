import type { SqlRunner } from '@underpin/messaging';

/**
 * One kind of row the retention sweep deletes once it is no longer needed. A service lists
 * its own in `ServiceCoreModule.forService(…, { retention: [...] })`; the sweep runs them
 * after the processed-events rule every service has.
 */
export interface RetentionRule {
  /** What goes, for the sweep's log line: usually the table, e.g. `deliveries`. */
  name: string;
  /**
   * Deletes at most `limit` rows that are past their retention at `now`, in one statement
   * (so one short transaction and short row locks), and returns how many went. The sweep
   * calls it again while it returns `limit`. Must never delete pending work, nor anything a
   * redelivered event would still need to be recognised as a duplicate.
   */
  deleteBatch(sql: SqlRunner, now: Date, limit: number): Promise<number>;
}
