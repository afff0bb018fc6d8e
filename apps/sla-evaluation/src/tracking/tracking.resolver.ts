import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { IncidentReferenceModel, SlaTrackingModel, TrackedIncidentConnectionModel } from './sla-tracking.model';
import { TrackingService } from './tracking.service';

@Resolver('Incident')
export class TrackingResolver {
  constructor(private readonly tracking: TrackingService) {}

  @Query('trackedIncidents')
  trackedIncidents(@Args('first') first: number, @Args('after') after?: string | null): Promise<TrackedIncidentConnectionModel> {
    return this.tracking.page({ first, after });
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
