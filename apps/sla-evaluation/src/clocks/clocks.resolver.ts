import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { ClockModel } from './clock.model';
import { ClockQueryService } from './clock-query.service';

@Resolver('Incident')
export class ClocksResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @ResolveField('clocks')
  clocksOf(@Parent() incident: { id: string }): Promise<ClockModel[]> {
    return this.clocks.clocksOf(incident.id);
  }
}
