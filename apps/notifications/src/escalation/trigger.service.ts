import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '@underpin/messaging';
import type { Trigger } from './escalation.type';

/**
 * Triggers are recorded by the consumers, in the transaction that records the event id, and
 * matched against the policies by the escalation loop.
 */
@Injectable()
export class TriggerService {
  async record(sql: SqlRunner, trigger: Trigger, recordedAt: Date): Promise<void> {
    await sql.query(
      `INSERT INTO notifications.triggers (event_id, event, incident, agreement, objective, threshold, occurred_at, details, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING`,
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
      ],
    );
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
