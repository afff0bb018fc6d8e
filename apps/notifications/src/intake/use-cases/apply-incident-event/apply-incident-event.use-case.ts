import { Injectable } from '@nestjs/common';
import { incidentEventFromWire, type EnvelopeOf, type INCIDENT_EVENTS_TOPIC } from '@underpin/contracts';
import type { SqlRunner } from '@underpin/messaging';
import { TriggerService } from '../../../escalation/trigger.service';
import { IncidentStateService } from '../../../known-incidents/incident-state.service';

export type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;

/**
 * One incident event's effects, in the consumer's transaction: the incident copy, the status
 * feed's history, the not-acknowledged trigger of a new incident, and the timers its
 * acknowledgement or resolution cancels.
 */
@Injectable()
export class ApplyIncidentEventUseCase {
  constructor(
    private readonly incidents: IncidentStateService,
    private readonly triggers: TriggerService,
  ) {}

  async execute(sql: SqlRunner, envelope: IncidentEnvelope, now: Date): Promise<void> {
    const event = incidentEventFromWire(envelope.type, envelope.payload as never);
    const change = await this.incidents.apply(sql, event);
    if (change === undefined) return;
    const at = new Date(event.at);
    if (change.update !== undefined) {
      await sql.query(
        `INSERT INTO notifications.incident_updates (event_id, incident, kind, status, at, summary) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (event_id) DO NOTHING`,
        [envelope.id, event.incident, change.update.kind, change.incident.status, at, change.update.summary],
      );
    }
    if (event.type === 'incident.opened') {
      await this.triggers.record(sql, { eventId: envelope.id, event: 'not-acknowledged', incident: event.incident, occurredAt: event.at, details: {} }, now);
    }
    if (change.settles !== undefined) await this.triggers.cancelPending(sql, event.incident, change.settles, now);
    if (change.reprioritized) await this.triggers.rematchUnacknowledged(sql, event.incident);
  }
}
