import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { UserInputException } from '@underpin/platform';
import type { IncidentReferenceModel, SlaTrackingModel } from './sla-tracking.model';
import { TrackingService } from './tracking.service';

@Resolver('Incident')
export class TrackingResolver {
  constructor(private readonly tracking: TrackingService) {}

  @Query('trackedIncidents')
  async trackedIncidents(@Args('first') first: number): Promise<IncidentReferenceModel[]> {
    if (first < 1 || first > 500) throw new UserInputException([{ field: 'first', message: 'must be between 1 and 500' }]);
    return (await this.tracking.latest(first)).map((id) => ({ id }));
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): IncidentReferenceModel {
    return { id: reference.id };
  }

  @ResolveField('slaTracking')
  async slaTracking(@Parent() incident: IncidentReferenceModel): Promise<SlaTrackingModel | null> {
    const row = await this.tracking.byId(incident.id);
    if (!row || row.priority === null) return null;
    return { recordedAt: row.recordedAt, eventsApplied: row.eventsApplied, lastEventAt: row.lastEventAt, priority: row.priority };
  }
}
