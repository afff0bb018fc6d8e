import { ID_PATTERN, InputChecker, pageSizeProblem } from '@underpin/platform';

/** Arguments of `teamQueue`. */
export interface TeamQueueArgs {
  party: string;
  first: number;
  after?: string | null;
}

/** Throws a UserInputException naming each bad argument (a bad `after` is named when it is read). */
export function checkTeamQueueArgs(args: TeamQueueArgs): void {
  const pageSize = pageSizeProblem(args.first);
  new InputChecker()
    .text(args.party, 'party', { required: true, max: 200, ...ID_PATTERN })
    .require(pageSize === undefined, 'first', pageSize?.message ?? '')
    .throwIfAny();
}
