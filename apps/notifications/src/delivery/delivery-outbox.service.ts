import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_DELIVERIES_TOPIC, createEnvelope, type NotificationDeliveryPayload } from '@underpin/contracts';
import { toSqlRunner, type OutboxService, type SqlRunner } from '@underpin/messaging';
import { OUTBOX } from '@underpin/platform';
import { DataSource } from 'typeorm';
import { withdrawalMessage } from '../escalation/withdrawal-message.util';
import type { RenderedMessage } from '../escalation/message.util';
import type { ClaimedDelivery, NewDelivery } from './delivery.type';

/** A delivery that went out, as a correction needs it. */
export interface SentDelivery {
  id: string;
  policy: string;
  incident: string | null;
  agreement: string | null;
  recipient: string;
  channel: string;
  address: string;
  message: RenderedMessage;
  delivered_at: Date;
}

/** Why an alert was withdrawn, and the withdrawal's event id (the key of its corrections). */
export interface AlertCorrection {
  reason: string;
  eventId: string;
}

/**
 * The deliveries table works as an outbox for messages: a row is committed before anything
 * is sent and a worker sends it afterwards, so a crash between the two retries the send
 * instead of losing it. The UNIQUE key (policy, incident, trigger event, recipient, channel)
 * makes a second request for the same message a no-op.
 */
@Injectable()
export class DeliveryOutboxService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: OutboxService,
  ) {}

  /** Returns whether a new delivery was created (false: this message was already asked for). */
  async enqueue(sql: SqlRunner, delivery: NewDelivery, now: Date): Promise<boolean> {
    const id = randomUUID();
    const rows = await sql.query(
      `INSERT INTO notifications.deliveries
         (id, policy, incident, agreement, trigger_event_id, recipient, channel, address, calendar, message, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        id,
        delivery.policy,
        delivery.incident ?? null,
        delivery.agreement ?? null,
        delivery.triggerEventId,
        delivery.recipient,
        delivery.channel,
        delivery.address,
        delivery.calendar ?? null,
        JSON.stringify({ ...delivery.message, payload: { id, ...delivery.message.payload } }),
        delivery.sendAt,
        now,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Takes up to `limit` due deliveries for one attempt each. The attempt is counted and the
   * row pushed `leaseMs` ahead in the same statement, so another worker skips it while it is
   * being sent, and picks it up again if this one dies mid-send.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return toSqlRunner(this.dataSource).query<ClaimedDelivery>(
      `UPDATE notifications.deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
       WHERE d.id IN (
         SELECT id FROM notifications.deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING d.id::text AS id, d.policy, d.incident, d.recipient, d.channel, d.address, d.calendar, d.message, d.attempts`,
      [now, new Date(now.getTime() + leaseMs), limit],
    );
  }

  /**
   * False when the row moved on meanwhile (its lease ran out and another attempt took it).
   * A delivery whose alert was withdrawn while it was being sent went out all the same: it
   * is recorded delivered and its correction follows.
   */
  async markDelivered(delivery: ClaimedDelivery, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const sql = toSqlRunner(manager);
      const rows = await sql.query<SentDelivery & { was: string; reason: string | null; withdrawn_by: string | null }>(
        `WITH before AS (
           SELECT d.status FROM notifications.deliveries d WHERE d.id = $1 AND d.attempts = $2 AND d.status IN ('pending', 'cancelled') FOR UPDATE
         ), done AS (
           UPDATE notifications.deliveries d SET status = 'delivered', delivered_at = $3, last_error = NULL FROM before WHERE d.id = $1
           RETURNING d.id::text AS id, d.policy, d.incident, d.agreement, d.recipient, d.channel, d.address, d.message, d.delivered_at, d.trigger_event_id
         )
         SELECT done.*, before.status AS was, t.withdraw_reason AS reason, t.withdrawn_by::text AS withdrawn_by
         FROM done CROSS JOIN before LEFT JOIN notifications.triggers t ON t.event_id = done.trigger_event_id`,
        [delivery.id, delivery.attempts, now],
      );
      if (rows.length === 0) return false;
      await this.publish(manager, 'notification.delivered', delivery, now);
      const [row] = rows;
      if (row.was === 'cancelled' && row.reason !== null && row.withdrawn_by !== null) await this.enqueueCorrection(sql, row, { reason: row.reason, eventId: row.withdrawn_by }, now);
      return true;
    });
  }

  /** Sends whoever got an alert a correction of it, at once and on the same channel; false if already sent. */
  async enqueueCorrection(sql: SqlRunner, sent: SentDelivery, correction: AlertCorrection, now: Date): Promise<boolean> {
    const id = randomUUID();
    const message = withdrawalMessage(sent.message, correction.reason, sent.delivered_at);
    const rows = await sql.query(
      `INSERT INTO notifications.deliveries
         (id, policy, incident, agreement, trigger_event_id, recipient, channel, address, calendar, message, status, next_attempt_at, created_at, corrects)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, 'pending', $10, $10, $11)
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, sent.policy, sent.incident, sent.agreement, correction.eventId, sent.recipient, sent.channel, sent.address, JSON.stringify({ ...message, payload: { id, ...message.payload } }), now, sent.id],
    );
    return rows.length > 0;
  }

  async scheduleRetry(delivery: ClaimedDelivery, error: string, nextAttemptAt: Date): Promise<void> {
    await toSqlRunner(this.dataSource).query(
      `UPDATE notifications.deliveries SET last_error = $3, next_attempt_at = $4 WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [delivery.id, delivery.attempts, error, nextAttemptAt],
    );
  }

  /** Gives up: the row becomes dead, a dead letter records why, and notification.failed says so. */
  async markDead(delivery: ClaimedDelivery, error: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const sql = toSqlRunner(manager);
      const rows = await sql.query(
        `UPDATE notifications.deliveries SET status = 'dead', last_error = $3 WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
        [delivery.id, delivery.attempts, error],
      );
      if (rows.length === 0) return false;
      await sql.query(
        `INSERT INTO notifications.dead_letters (delivery_id, policy, incident, recipient, channel, address, attempts, last_error, failed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [delivery.id, delivery.policy, delivery.incident, delivery.recipient, delivery.channel, delivery.address, delivery.attempts, error, now],
      );
      await this.publish(manager, 'notification.failed', delivery, now, error);
      return true;
    });
  }

  private async publish(
    manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
    type: 'notification.delivered' | 'notification.failed',
    delivery: ClaimedDelivery,
    now: Date,
    error?: string,
  ): Promise<void> {
    const payload: NotificationDeliveryPayload = {
      notification: delivery.id,
      channel: delivery.channel,
      recipient: delivery.recipient,
      subject: delivery.message.subject,
      attempt: delivery.attempts,
      ...(error !== undefined ? { error } : {}),
      at: now.toISOString(),
    };
    await this.outbox.enqueue(manager, NOTIFICATION_DELIVERIES_TOPIC, [
      createEnvelope(NOTIFICATION_DELIVERIES_TOPIC, type, payload, { source: 'notifications', occurredAt: now }),
    ]);
  }
}
