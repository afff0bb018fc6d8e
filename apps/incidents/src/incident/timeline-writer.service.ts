import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INCIDENT_EVENTS_TOPIC, createEnvelope, incidentEventFromWire, incidentEventToWire, type EnvelopeOf } from '@underpin/contracts';
import type { IncidentEvent } from '@underpin/domain';
import type { OutboxService } from '@underpin/messaging';
import { OUTBOX } from '@underpin/platform';

/**
 * The incident's timeline is its source of truth: every change is a row here and an
 * `incidents.events.v1` event in the outbox, in the caller's transaction.
 */
@Injectable()
export class TimelineWriterService {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxService) {}

  async append(manager: EntityManager, seq: number, event: IncidentEvent, externalKey?: string): Promise<void> {
    const wire = incidentEventToWire(event);
    const envelope = createEnvelope(INCIDENT_EVENTS_TOPIC, wire.type, wire.payload as never, {
      source: 'incidents',
      occurredAt: new Date(event.at),
    });
    await manager.query(
      `INSERT INTO incidents.timeline_events (incident_id, seq, event_id, external_key, type, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [event.incident, seq, envelope.id, externalKey ?? null, event.type, new Date(event.at), JSON.stringify(wire.payload)],
    );
    await this.outbox.enqueue(manager, INCIDENT_EVENTS_TOPIC, [envelope as EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>]);
  }

  async read(manager: EntityManager, incidentId: string): Promise<IncidentEvent[]> {
    const rows = (await manager.query(`SELECT type, data FROM incidents.timeline_events WHERE incident_id = $1 ORDER BY seq`, [incidentId])) as Array<{
      type: IncidentEvent['type'];
      data: never;
    }>;
    return rows.map((row) => incidentEventFromWire(row.type, row.data));
  }

  async hasExternalKey(manager: EntityManager, key: string): Promise<{ incident: string; seq: number } | undefined> {
    const rows = (await manager.query(`SELECT incident_id, seq FROM incidents.timeline_events WHERE external_key = $1`, [key])) as Array<{
      incident_id: string;
      seq: number;
    }>;
    return rows[0] ? { incident: rows[0].incident_id, seq: rows[0].seq } : undefined;
  }
}
