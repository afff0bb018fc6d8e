import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { priorityOf, type IncidentEvent } from '@underpin/domain';
import { TrackedIncidentEntity } from './tracked-incident.entity';

@Injectable()
export class TrackingService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends the event to the incident's timeline copy. Events of one incident arrive in
   * order (one key, one partition); an event for an incident never opened here is kept
   * waiting in the timeline only once `incident.opened` has created the row.
   */
  async apply(manager: EntityManager, event: IncidentEvent, receivedAt: Date): Promise<void> {
    const repo = manager.getRepository(TrackedIncidentEntity);
    if (event.type === 'incident.opened') {
      await repo.upsert(
        {
          id: event.incident,
          service: event.service,
          customer: event.customer,
          region: event.region ?? null,
          priority: priorityOf(event.impact, event.urgency),
          openedAt: new Date(event.at),
          eventsApplied: 1,
          lastEventAt: new Date(event.at),
          timeline: [event],
          recordedAt: receivedAt,
        },
        ['id'],
      );
      return;
    }
    const row = await repo.findOne({ where: { id: event.incident }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new Error(`incident ${event.incident}: ${event.type} arrived before incident.opened`);
    row.timeline = [...row.timeline, event];
    row.eventsApplied += 1;
    row.lastEventAt = new Date(event.at);
    if (event.type === 'incident.reprioritized') row.priority = priorityOf(event.impact, event.urgency);
    await repo.save(row);
  }

  async latest(first: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(TrackedIncidentEntity)
      .find({ select: { id: true }, order: { lastEventAt: 'DESC', id: 'ASC' }, take: first });
    return rows.map((r) => r.id);
  }

  byId(id: string): Promise<TrackedIncidentEntity | null> {
    return this.dataSource.getRepository(TrackedIncidentEntity).findOneBy({ id });
  }
}
