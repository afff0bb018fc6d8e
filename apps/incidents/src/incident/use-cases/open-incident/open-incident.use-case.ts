import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_EVENTS_TOPIC, createEnvelope, incidentEventToWire, type EnvelopeOf } from '@underpin/contracts';
import { priorityOf, type IncidentEvent } from '@underpin/domain';
import type { Outbox } from '@underpin/messaging';
import { ID_PATTERN, InputChecker, OUTBOX, SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import type { OpenIncidentInput } from '../../dto/open-incident.input';
import { IncidentEntity } from '../../incident.entity';
import type { IncidentModel } from '../../incident.model';
import { toIncidentModel } from '../../incident.mapper';

/**
 * Opens an incident: the row, the first timeline event and the `incident.opened` event in
 * one transaction (outbox). A retried call with the same externalId returns the incident
 * it already opened and publishes nothing.
 */
@Injectable()
export class OpenIncidentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async execute(input: OpenIncidentInput): Promise<IncidentModel> {
    validate(input);
    const openedAt = input.openedAt ?? new Date(this.runtime.now());
    return this.dataSource.transaction(async (manager) => {
      if (input.externalId) {
        // Serialise concurrent deliveries of one external id, then look for an earlier one.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`incident:${input.externalId}`]);
        const existing = await manager.findOneBy(IncidentEntity, { externalId: input.externalId });
        if (existing) return toIncidentModel(existing);
      }
      const [{ n }] = (await manager.query(`SELECT nextval('incidents.incident_number') AS n`)) as Array<{ n: string }>;
      const incident = manager.create(IncidentEntity, {
        id: `INC-${n}`,
        externalId: input.externalId ?? null,
        title: input.title ?? null,
        service: input.service,
        customer: input.customer,
        region: input.region ?? null,
        impact: input.impact,
        urgency: input.urgency,
        priority: priorityOf(input.impact, input.urgency),
        status: 'open',
        assignee: input.assignee ?? null,
        openedAt,
      });
      await manager.save(incident);
      const event: IncidentEvent = {
        type: 'incident.opened',
        at: openedAt.getTime(),
        incident: incident.id,
        service: incident.service,
        customer: incident.customer,
        impact: input.impact,
        urgency: input.urgency,
        ...(input.region ? { region: input.region } : {}),
        ...(input.assignee ? { assignee: input.assignee } : {}),
        ...(input.title ? { title: input.title } : {}),
      };
      await this.record(manager, incident.id, 1, event);
      return toIncidentModel(incident);
    });
  }

  private async record(manager: EntityManager, incidentId: string, seq: number, event: IncidentEvent): Promise<void> {
    const wire = incidentEventToWire(event);
    const envelope = createEnvelope(INCIDENT_EVENTS_TOPIC, wire.type, wire.payload as never, {
      source: 'incidents',
      occurredAt: new Date(event.at),
    });
    await manager.query(
      `INSERT INTO incidents.timeline_events (incident_id, seq, event_id, type, at, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [incidentId, seq, envelope.id, event.type, new Date(event.at), JSON.stringify(wire.payload)],
    );
    await this.outbox.enqueue(manager, INCIDENT_EVENTS_TOPIC, [envelope as EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>]);
  }
}

function validate(input: OpenIncidentInput): void {
  new InputChecker()
    .text(input.service, 'input.service', { required: true, max: 200, ...ID_PATTERN })
    .text(input.customer, 'input.customer', { required: true, max: 200, ...ID_PATTERN })
    .text(input.region, 'input.region', { max: 200, ...ID_PATTERN })
    .text(input.assignee, 'input.assignee', { max: 200, ...ID_PATTERN })
    .text(input.externalId, 'input.externalId', { max: 200 })
    .text(input.title, 'input.title', { max: 2000 })
    .require(input.openedAt == null || !Number.isNaN(input.openedAt.getTime()), 'input.openedAt', 'must be a valid date-time')
    .throwIfAny();
}
