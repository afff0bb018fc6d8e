import { Args, Parent } from '@nestjs/graphql';
import { Query, typeResolver } from '../graphql/schema-resolvers.util';
import type { IncidentModel, QueryTrackedIncidentsArgs, SlaTrackingModel, TrackedIncidentConnectionModel } from '../graphql/schema.type';
import { TrackingService } from './tracking.service';

const Incident = typeResolver('Incident');

@Incident.Resolver()
export class TrackingResolver {
  constructor(private readonly tracking: TrackingService) {}

  @Query('trackedIncidents')
  trackedIncidents(@Args() { first, after }: QueryTrackedIncidentsArgs): Promise<TrackedIncidentConnectionModel> {
    return this.tracking.page({ first, after });
  }

  @Incident.ResolveReference()
  resolveReference(reference: IncidentModel): IncidentModel {
    return { id: reference.id };
  }

  @Incident.ResolveField('slaTracking')
  async slaTracking(@Parent() incident: IncidentModel): Promise<SlaTrackingModel | null> {
    const row = await this.tracking.byId(incident.id);
    if (!row || row.priority === null) return null;
    return { recordedAt: row.recordedAt, eventsApplied: row.eventsApplied, lastEventAt: row.lastEventAt, priority: row.priority };
  }
}
