import { UserInputException } from '@underpin/platform';
import { checkTeamQueueArgs } from './team-queue.args';

function problemsOf(args: { party: string; first: number }): Array<{ field: string; message: string }> {
  try {
    checkTeamQueueArgs(args);
    return [];
  } catch (error) {
    if (!(error instanceof UserInputException)) throw error;
    return error.problems;
  }
}

describe('checkTeamQueueArgs', () => {
  it('accepts a party id and a page size between 1 and 500', () => {
    expect(problemsOf({ party: 'netops', first: 50 })).toEqual([]);
    expect(problemsOf({ party: 'service-desk', first: 500 })).toEqual([]);
  });

  it('names every bad argument at once', () => {
    expect(problemsOf({ party: '', first: 0 }).map((p) => p.field)).toEqual(['party', 'first']);
    expect(problemsOf({ party: 'net ops', first: 501 }).map((p) => p.field)).toEqual(['party', 'first']);
    expect(problemsOf({ party: 'netops', first: 2.5 })).toEqual([{ field: 'first', message: 'must be an integer between 1 and 500' }]);
  });
});
