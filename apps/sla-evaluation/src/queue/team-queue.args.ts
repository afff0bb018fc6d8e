import { ID_PATTERN, InputChecker, pageSizeProblem } from '@underpin/platform';
import type { QueryTeamQueueArgs } from '../graphql/schema.type';

/** Throws a UserInputException naming each bad argument (a bad `after` is named when it is read). */
export function checkTeamQueueArgs(args: QueryTeamQueueArgs): void {
  const pageSize = pageSizeProblem(args.first);
  new InputChecker()
    .text(args.party, 'party', { required: true, max: 200, ...ID_PATTERN })
    .require(pageSize === undefined, 'first', pageSize?.message ?? '')
    .throwIfAny();
}
