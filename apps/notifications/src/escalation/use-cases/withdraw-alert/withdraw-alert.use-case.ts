import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '@underpin/messaging';
import { DeliveryOutboxService, type SentDelivery } from '../../../delivery/delivery-outbox.service';
import type { AlertIdentity } from '../../trigger.service';
import { SAME_ALERT } from '../../trigger-row.util';

export interface Withdrawal {
  alert: AlertIdentity;
  reason: string;
  /** The withdrawal event's id: the key of the corrections it sends. */
  eventId: string;
}

export interface WithdrawalOutcome {
  triggers: number;
  cancelledEscalations: number;
  cancelledDeliveries: number;
  corrections: number;
}

/**
 * An alert that never happened: its triggers are marked withdrawn (and never matched from
 * now on), the escalations they armed and the deliveries not yet sent are cancelled, and
 * whoever was sent the alert gets a short correction on the same channel, at once.
 */
@Injectable()
export class WithdrawAlertUseCase {
  constructor(private readonly deliveries: DeliveryOutboxService) {}

  async execute(sql: SqlRunner, withdrawal: Withdrawal, now: Date): Promise<WithdrawalOutcome> {
    const { alert } = withdrawal;
    const triggers = await sql.query<{ event_id: string }>(
      `UPDATE notifications.triggers t SET withdrawn_at = $6, withdraw_reason = $7, withdrawn_by = $8, matched_at = COALESCE(t.matched_at, $6)
       WHERE ${SAME_ALERT} AND t.withdrawn_at IS NULL RETURNING t.event_id::text AS event_id`,
      [alert.incident, alert.agreement, alert.objective, alert.event, alert.threshold, now, withdrawal.reason, withdrawal.eventId],
    );
    const outcome: WithdrawalOutcome = { triggers: triggers.length, cancelledEscalations: 0, cancelledDeliveries: 0, corrections: 0 };
    if (triggers.length === 0) return outcome;
    const ids = triggers.map((row) => row.event_id);
    const escalations = await sql.query(
      `UPDATE notifications.pending_escalations SET status = 'cancelled', outcome = 'alert withdrawn', settled_at = $2
       WHERE trigger_event_id = ANY($1::uuid[]) AND status = 'pending' RETURNING id`,
      [ids, now],
    );
    // One being sent at this moment is cancelled too: if its send succeeds, the worker records
    // it delivered and sends the correction (DeliveryOutboxService.markDelivered).
    const deliveries = await sql.query(
      `UPDATE notifications.deliveries SET status = 'cancelled', last_error = 'alert withdrawn before it was sent'
       WHERE trigger_event_id = ANY($1::uuid[]) AND status = 'pending' RETURNING id`,
      [ids],
    );
    const sent = await sql.query<SentDelivery>(
      `SELECT id::text AS id, policy, incident, agreement, recipient, channel, address, message, delivered_at FROM notifications.deliveries
       WHERE trigger_event_id = ANY($1::uuid[]) AND status = 'delivered'`,
      [ids],
    );
    for (const delivery of sent) {
      if (await this.deliveries.enqueueCorrection(sql, delivery, { reason: withdrawal.reason, eventId: withdrawal.eventId }, now)) outcome.corrections += 1;
    }
    outcome.cancelledEscalations = escalations.length;
    outcome.cancelledDeliveries = deliveries.length;
    return outcome;
  }
}
