import { sqlRetentionRule, type RetentionRule } from '@underpin/platform';

// Each statement takes $1 = now − retention (the service's clock, which stamped the rows) and
// $2 = batch size. It locks the rows it picks (SKIP LOCKED: never waits on, nor takes, a row
// the loop or a consumer is working on), deletes their dependants first (foreign keys), then
// them, and counts the rows it picked.

/**
 * Sent or given-up deliveries, with their dead letters. Pending ones stay whatever their age:
 * they are work. Nothing asks for a finished delivery again: the escalation that planned it
 * has fired and never fires twice, and its trigger outlives the processed-event id that
 * guards against a redelivered event.
 */
const DELIVERIES = `
  WITH doomed AS MATERIALIZED (
    SELECT d.id FROM notifications.deliveries d
    WHERE d.status <> 'pending' AND d.created_at < $1 AND COALESCE(d.delivered_at, d.created_at) < $1
      AND NOT EXISTS (SELECT 1 FROM notifications.dead_letters l WHERE l.delivery_id = d.id AND l.failed_at >= $1)
    ORDER BY d.created_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED
  ), letters AS (
    DELETE FROM notifications.dead_letters l USING doomed WHERE l.delivery_id = doomed.id
  ), gone AS (
    DELETE FROM notifications.deliveries d USING doomed WHERE d.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS n FROM gone`;

/**
 * Triggers, with their escalations, once matched and every escalation settled, all before
 * the cutoff. They go together: a trigger left without its escalations could be matched
 * again (a priority change re-matches) and arm them anew. Triggers of incidents still open
 * stay, since their timers may still be re-armed.
 */
const TRIGGERS = `
  WITH doomed AS MATERIALIZED (
    SELECT t.event_id FROM notifications.triggers t
    WHERE t.matched_at IS NOT NULL AND t.recorded_at < $1 AND t.matched_at < $1
      AND NOT EXISTS (
        SELECT 1 FROM notifications.pending_escalations p
        WHERE p.trigger_event_id = t.event_id AND (p.status = 'pending' OR p.settled_at IS NULL OR p.settled_at >= $1))
      AND NOT EXISTS (SELECT 1 FROM notifications.incidents i WHERE i.id = t.incident AND i.status = 'open')
    ORDER BY t.recorded_at LIMIT $2 FOR UPDATE OF t SKIP LOCKED
  ), escalations AS (
    DELETE FROM notifications.pending_escalations p USING doomed WHERE p.trigger_event_id = doomed.event_id
  ), gone AS (
    DELETE FROM notifications.triggers t USING doomed WHERE t.event_id = doomed.event_id RETURNING 1
  )
  SELECT count(*)::int AS n FROM gone`;

/**
 * Closed incidents whose last event is older than the cutoff, with their feed history. One
 * that pending work still reads (an escalation to fire, a trigger to match) stays until that
 * work is done. Resolved incidents never closed stay: they may still reopen.
 */
const INCIDENTS = `
  WITH doomed AS MATERIALIZED (
    SELECT i.id FROM notifications.incidents i
    WHERE i.status = 'closed' AND i.updated_at < $1
      AND NOT EXISTS (SELECT 1 FROM notifications.pending_escalations p WHERE p.incident = i.id AND p.status = 'pending')
      AND NOT EXISTS (SELECT 1 FROM notifications.triggers t WHERE t.incident = i.id AND t.matched_at IS NULL)
    ORDER BY i.updated_at LIMIT $2 FOR UPDATE OF i SKIP LOCKED
  ), updates AS (
    DELETE FROM notifications.incident_updates u USING doomed WHERE u.incident = doomed.id
  ), gone AS (
    DELETE FROM notifications.incidents i USING doomed WHERE i.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS n FROM gone`;

/** The service's retention rules, for ServiceCoreModule's sweep, oldest rows first in each. */
export function notificationsRetentionRules(retentionMs: number): RetentionRule[] {
  return [
    sqlRetentionRule({ name: 'deliveries', retentionMs, sql: DELIVERIES }),
    sqlRetentionRule({ name: 'triggers', retentionMs, sql: TRIGGERS }),
    sqlRetentionRule({ name: 'incidents', retentionMs, sql: INCIDENTS }),
  ];
}
