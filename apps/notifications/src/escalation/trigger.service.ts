import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '@underpin/messaging';
import type { Trigger } from './escalation.type';
import { SAME_ALERT } from './trigger-row.util';

/** Which alert a trigger is: one per incident, objective, kind and threshold. */
export interface AlertIdentity {
  incident: string;
  agreement: string;
  objective: string;
  event: 'warning' | 'breach';
  threshold: number;
}

/**
 * Triggers are recorded by the consumers, in the transaction that records the event id, and
 * matched against the policies by the escalation loop.
 */
@Injectable()
export class TriggerService {
  /**
   * A historical trigger (an alert crossed too long ago to page anyone) is recorded as matched,
   * so no policy ever arms an escalation for it.
   */
  async record(sql: SqlRunner, trigger: Trigger, recordedAt: Date, options: { historical?: boolean } = {}): Promise<void> {
    const historical = options.historical === true;
    await sql.query(
      `INSERT INTO notifications.triggers (event_id, event, incident, agreement, objective, threshold, occurred_at, details, recorded_at, historical, matched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $10 THEN $9::timestamptz END) ON CONFLICT (event_id) DO NOTHING`,
      [
        trigger.eventId,
        trigger.event,
        trigger.incident ?? null,
        trigger.agreement ?? null,
        trigger.objective ?? null,
        trigger.threshold ?? null,
        new Date(trigger.occurredAt),
        JSON.stringify(trigger.details),
        recordedAt,
        historical,
      ],
    );
  }

  /**
   * An alert restated at another instant is the same alert: its trigger takes the new instant
   * and due time, and a delayed escalation it armed moves with it. Returns false when no
   * standing trigger is that alert (it is then recorded as a new one).
   */
  async restate(sql: SqlRunner, alert: AlertIdentity, occurredAt: Date, dueAt: string, now: Date): Promise<boolean> {
    const rows = await sql.query<{ event_id: string }>(
      `WITH old AS (
         SELECT t.event_id, t.occurred_at FROM notifications.triggers t WHERE ${SAME_ALERT} AND t.withdrawn_at IS NULL FOR UPDATE
       ), moved AS (
         UPDATE notifications.triggers t SET occurred_at = $6, details = t.details || jsonb_build_object('dueAt', $7::text), restated_at = $8
         FROM old WHERE t.event_id = old.event_id RETURNING t.event_id
       ), delayed AS (
         UPDATE notifications.pending_escalations p SET due_at = p.due_at + ($6::timestamptz - old.occurred_at)
         FROM old WHERE p.trigger_event_id = old.event_id AND p.status = 'pending'
       )
       SELECT event_id::text AS event_id FROM moved`,
      [alert.incident, alert.agreement, alert.objective, alert.event, alert.threshold, occurredAt, dueAt, now],
    );
    return rows.length > 0;
  }

  /** After a priority change: the incident's not-acknowledged trigger is matched again. */
  async rematchUnacknowledged(sql: SqlRunner, incident: string): Promise<void> {
    await sql.query(`UPDATE notifications.triggers SET matched_at = NULL WHERE incident = $1 AND event = 'not-acknowledged'`, [incident]);
  }

  /**
   * Cancels the timers an incident's progress made pointless: an acknowledgement ends the
   * wait for one; a resolution ends that and every delayed notification, while alerts due
   * at once still go out (a breach stays a breach after the fix).
   */
  async cancelPending(sql: SqlRunner, incident: string, reason: 'acknowledged' | 'resolved' | 'closed', at: Date): Promise<void> {
    const delayed = reason === 'acknowledged' ? '' : ' OR p.due_at > t.occurred_at';
    await sql.query(
      `UPDATE notifications.pending_escalations p SET status = 'cancelled', outcome = $2, settled_at = $3
       FROM notifications.triggers t
       WHERE t.event_id = p.trigger_event_id AND p.incident = $1 AND p.status = 'pending'
         AND (t.event = 'not-acknowledged'${delayed})`,
      [incident, `incident ${reason}`, at],
    );
  }
}
