import { ID_PATTERN, InputChecker } from '@underpin/platform';

/** Arguments of `teamQueue`. */
export interface TeamQueueArgs {
  party: string;
  first: number;
}

export const TEAM_QUEUE_MAX = 500;

/** Throws a UserInputException naming each bad argument. */
export function checkTeamQueueArgs(args: TeamQueueArgs): void {
  new InputChecker()
    .text(args.party, 'party', { required: true, max: 200, ...ID_PATTERN })
    .require(Number.isInteger(args.first) && args.first >= 1 && args.first <= TEAM_QUEUE_MAX, 'first', `must be an integer between 1 and ${TEAM_QUEUE_MAX}`)
    .throwIfAny();
}
