import { Args, Query, Resolver } from '@nestjs/graphql';
import type { TeamQueueEntryModel } from '../clocks/clock.model';
import { ClockQueryService } from '../clocks/clock-query.service';
import { checkTeamQueueArgs } from './team-queue.args';

@Resolver('TeamQueueEntry')
export class TeamQueueResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @Query('teamQueue')
  teamQueue(@Args('party') party: string, @Args('first') first: number): Promise<TeamQueueEntryModel[]> {
    checkTeamQueueArgs({ party, first });
    return this.clocks.teamQueue(party, first);
  }
}
