import type { EscalationEvent } from '@underpin/domain';
import type { Trigger, TriggerDetails } from './escalation.type';

/** A `notifications.triggers` row as selected with TRIGGER_COLUMNS. */
export interface TriggerRow {
  event_id: string;
  event: EscalationEvent;
  incident: string | null;
  agreement: string | null;
  objective: string | null;
  threshold: number | null;
  occurred_at: Date;
  details: TriggerDetails;
  recorded_at: Date;
}

export const TRIGGER_COLUMNS = 't.event_id::text AS event_id, t.event, t.incident, t.agreement, t.objective, t.threshold, t.occurred_at, t.details, t.recorded_at';

/** The triggers of one alert (AlertIdentity as $1 to $5: incident, agreement, objective, kind, threshold). */
export const SAME_ALERT = `t.incident = $1 AND t.agreement = $2 AND t.objective = $3 AND t.event = $4 AND t.threshold = $5`;

/** Rows handled per transaction; the loop comes back at once while a batch is full. */
export const ESCALATION_BATCH = 100;

export function toTrigger(row: TriggerRow): Trigger {
  return {
    eventId: row.event_id,
    event: row.event,
    ...(row.incident !== null ? { incident: row.incident } : {}),
    ...(row.agreement !== null ? { agreement: row.agreement } : {}),
    ...(row.objective !== null ? { objective: row.objective } : {}),
    ...(row.threshold !== null ? { threshold: row.threshold } : {}),
    occurredAt: row.occurred_at.getTime(),
    details: row.details,
  };
}
