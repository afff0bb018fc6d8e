import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { ClockAlertModel, ClockModel } from './clock.model';
import { ClockQueryService } from './clock-query.service';

@Resolver('Incident')
export class ClocksResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @ResolveField('clocks')
  clocksOf(@Parent() incident: { id: string }): Promise<ClockModel[]> {
    return this.clocks.clocksOf(incident.id);
  }

  @ResolveField('alerts')
  alertsOf(@Parent() incident: { id: string }, @Args('includeWithdrawn') includeWithdrawn: boolean): Promise<ClockAlertModel[]> {
    return this.clocks.alertsOf(incident.id, includeWithdrawn);
  }
}
