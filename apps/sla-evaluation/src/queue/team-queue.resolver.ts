import { Args } from '@nestjs/graphql';
import { ClockQueryService } from '../clocks/clock-query.service';
import { Query, RootResolver } from '../graphql/schema-resolvers.util';
import type { QueryTeamQueueArgs, TeamQueueConnectionModel } from '../graphql/schema.type';
import { checkTeamQueueArgs } from './team-queue.args';

@RootResolver()
export class TeamQueueResolver {
  constructor(private readonly clocks: ClockQueryService) {}

  @Query('teamQueue')
  teamQueue(@Args() args: QueryTeamQueueArgs): Promise<TeamQueueConnectionModel> {
    checkTeamQueueArgs(args);
    return this.clocks.teamQueue(args.party, { first: args.first, after: args.after });
  }
}
