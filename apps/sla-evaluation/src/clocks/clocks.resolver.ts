import { Args, Parent } from '@nestjs/graphql';
import { typeResolver } from '../graphql/schema-resolvers.util';
import type { ClockAlertModel, ClockModel, IncidentAlertsArgs, IncidentModel } from '../graphql/schema.type';
import { ClockQueryService } from './clock-query.service';

const Incident = typeResolver('Incident');

@Incident.Resolver()
export class ClocksResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @Incident.ResolveField('clocks')
  clocksOf(@Parent() incident: IncidentModel): Promise<ClockModel[]> {
    return this.clocks.clocksOf(incident.id);
  }

  @Incident.ResolveField('alerts')
  alertsOf(@Parent() incident: IncidentModel, @Args() { includeWithdrawn }: IncidentAlertsArgs): Promise<ClockAlertModel[]> {
    return this.clocks.alertsOf(incident.id, includeWithdrawn);
  }
}
