import { Args, Query, Resolver } from '@nestjs/graphql';
import type { TeamQueueConnectionModel } from '../clocks/clock.model';
import { ClockQueryService } from '../clocks/clock-query.service';
import { checkTeamQueueArgs } from './team-queue.args';

@Resolver('TeamQueueEntry')
export class TeamQueueResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @Query('teamQueue')
  teamQueue(@Args('party') party: string, @Args('first') first: number, @Args('after') after?: string | null): Promise<TeamQueueConnectionModel> {
    checkTeamQueueArgs({ party, first, after });
    return this.clocks.teamQueue(party, { first, after });
  }
}
