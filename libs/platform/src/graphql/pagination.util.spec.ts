import { UserInputException } from './user-input.exception';
import { checkPageSize, connectionOf, decodeCursor, encodeCursor, pageOfList, type ConnectionModel } from './pagination.util';

function problemsOf(run: () => unknown): Array<{ field: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof UserInputException) return error.problems;
    throw error;
  }
  return [];
}

describe('pagination', () => {
  it('takes page sizes from 1 to 500 and names `first` otherwise', () => {
    expect(problemsOf(() => checkPageSize(1))).toEqual([]);
    expect(problemsOf(() => checkPageSize(500))).toEqual([]);
    for (const first of [0, -1, 501, 2.5, Number.NaN]) {
      expect(problemsOf(() => checkPageSize(first))).toEqual([{ field: 'first', message: 'must be an integer between 1 and 500' }]);
    }
  });

  it('reads back the key of a cursor of the same list, and names `after` for anything else', () => {
    const cursor = encodeCursor('incidents', ['2026-03-03T09:00:00.000Z', 'INC-1']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'incidents')).toEqual(['2026-03-03T09:00:00.000Z', 'INC-1']);
    const forged = [encodeCursor('timeline', [3]), 'not a cursor', Buffer.from('{"a":1}').toString('base64url'), 'x'.repeat(5_000), '', '%%%'];
    for (const after of forged) expect(problemsOf(() => decodeCursor(after, 'incidents')).map((p) => p.field)).toEqual(['after']);
  });

  it('pages rows read with one extra: the extra says a next page exists and is not returned', () => {
    const cursorOf = (n: number) => encodeCursor('n', [n]);
    expect(connectionOf([1, 2, 3], 2, cursorOf, (n) => n * 10)).toEqual({ nodes: [10, 20], pageInfo: { endCursor: cursorOf(2), hasNextPage: true } });
    expect(connectionOf([1, 2], 2, cursorOf, (n) => n)).toEqual({ nodes: [1, 2], pageInfo: { endCursor: cursorOf(2), hasNextPage: false } });
    expect(connectionOf([], 2, cursorOf, (n) => n)).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it('walks an in-memory list page by page, every item once', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const scope = { list: 'letters', version: 'r1' };
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: ConnectionModel<string> = pageOfList(items, { first: 2, after }, scope);
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(items);
  });

  it('refuses a cursor of another version of the list, or a position it never gave', () => {
    const page = pageOfList(['a', 'b', 'c'], { first: 1 }, { list: 'letters', version: 'r1' });
    expect(problemsOf(() => pageOfList(['a', 'b'], { first: 1, after: page.pageInfo.endCursor }, { list: 'letters', version: 'r2' }))).toEqual([
      { field: 'after', message: 'was given for version r1 of this list, which has changed since (now r2): start again without after' },
    ]);
    expect(problemsOf(() => pageOfList(['a'], { first: 1, after: encodeCursor('letters', ['r1', -1]) }, { list: 'letters', version: 'r1' })).map((p) => p.field)).toEqual(['after']);
    expect(problemsOf(() => pageOfList(['a'], { first: 1, after: encodeCursor('letters', ['r1', 'x']) }, { list: 'letters', version: 'r1' })).map((p) => p.field)).toEqual(['after']);
    expect(problemsOf(() => pageOfList(['a'], { first: 0 }, { list: 'letters', version: 'r1' })).map((p) => p.field)).toEqual(['first']);
  });
});
