import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { priorityOf, type IncidentEvent } from '@underpin/domain';
import { INCIDENT_FIELD_RULES as RULES } from '@underpin/contracts';
import { InputChecker, SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import type { IncidentModel, OpenIncidentInput } from '../../../graphql/schema.type';
import { IncidentEntity } from '../../incident.entity';
import { toIncidentModel } from '../../incident-mapper.util';
import { TimelineWriterService } from '../../timeline-writer.service';

/**
 * Opens an incident: the row, the first timeline event and the `incident.opened` event in
 * one transaction (outbox). A retried call with the same externalId returns the incident
 * it already opened and publishes nothing.
 */
@Injectable()
export class OpenIncidentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineWriterService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async execute(input: OpenIncidentInput, externalKey?: string): Promise<{ incident: IncidentModel; duplicate: boolean }> {
    validate(input);
    const openedAt = input.openedAt ?? new Date(this.runtime.now());
    return this.dataSource.transaction(async (manager) => {
      if (input.externalId) {
        // Serialise concurrent deliveries of one external id, then look for an earlier one.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`incident:${input.externalId}`]);
        const existing = await manager.findOneBy(IncidentEntity, { externalId: input.externalId });
        if (existing) return { incident: toIncidentModel(existing), duplicate: true };
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
      await this.timeline.append(manager, 1, event, externalKey);
      return { incident: toIncidentModel(incident), duplicate: false };
    });
  }
}

/** The limits of the `incident.opened` event this publishes, checked before anything is written. */
function validate(input: OpenIncidentInput): void {
  new InputChecker()
    .rule(input.service, 'input.service', RULES.service, { required: true })
    .rule(input.customer, 'input.customer', RULES.customer, { required: true })
    .rule(input.region || null, 'input.region', RULES.region)
    .rule(input.assignee || null, 'input.assignee', RULES.assignee)
    // The ITSM tool's id of the incident: what the intake receives as `incident`.
    .rule(input.externalId || null, 'input.externalId', RULES.incident)
    .rule(input.title, 'input.title', RULES.title)
    .require(input.openedAt == null || !Number.isNaN(input.openedAt.getTime()), 'input.openedAt', 'must be a valid date-time')
    .throwIfAny();
}
