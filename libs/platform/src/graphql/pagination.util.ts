import { UserInputException, type FieldProblem } from './user-input.exception';

/** `first` when a caller gives none, and the most any page holds: a list field never answers more. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;

/** `type PageInfo` of every subgraph (defined identically in each, so federation shares it). */
export interface PageInfoModel {
  /** Cursor of the last node of the page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** `type XConnection { nodes: [X!]!, pageInfo: PageInfo! }` */
export interface ConnectionModel<T> {
  nodes: T[];
  pageInfo: PageInfoModel;
}

export interface PageArgs {
  first: number;
  after?: string | null;
}

/** The problem with a page size, if any: an integer from 1 to PAGE_SIZE_MAX. */
export function pageSizeProblem(first: number, field = 'first'): FieldProblem | undefined {
  return Number.isInteger(first) && first >= 1 && first <= PAGE_SIZE_MAX ? undefined : { field, message: `must be an integer between 1 and ${PAGE_SIZE_MAX}` };
}

export function checkPageSize(first: number): void {
  const problem = pageSizeProblem(first);
  if (problem) throw new UserInputException([problem]);
}

// Cursors are short; a longer `after` is not one of ours and is not worth decoding.
const MAX_CURSOR_LENGTH = 1_000;

/**
 * An opaque cursor: base64url of `[list, ...sortKey]`. Naming the list lets a cursor given to
 * another list be refused instead of read as a position in it.
 */
export function encodeCursor(list: string, key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The sort key a cursor of `list` carries; a BAD_USER_INPUT naming `after` for anything else. */
export function decodeCursor(after: string, list: string): unknown[] {
  let decoded: unknown;
  if (after.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(after)) {
    try {
      decoded = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
  }
  if (!Array.isArray(decoded) || decoded[0] !== list) throw invalidCursor();
  return decoded.slice(1);
}

/** A BAD_USER_INPUT naming `after`. */
export function invalidCursor(message = 'is not a cursor of this list: pass the endCursor of its previous page'): UserInputException {
  return new UserInputException([{ field: 'after', message }]);
}

/**
 * A page from rows read in the page's order with one row more than `first` (`LIMIT first + 1`):
 * the extra row, never returned, says whether a next page exists.
 */
export function connectionOf<R, T>(rows: readonly R[], first: number, cursorOf: (row: R) => string, toNode: (row: R) => T): ConnectionModel<T> {
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return { nodes: page.map(toNode), pageInfo: { endCursor: last === undefined ? null : cursorOf(last), hasNextPage: rows.length > first } };
}

/**
 * A page of a list held in memory that does not change while its `version` stands (one
 * catalogue revision, say). Its cursor is the version and the position of the page's last
 * item; a cursor of another version is refused, so pages of two versions are never mixed.
 */
export function pageOfList<T>(items: readonly T[], args: PageArgs, scope: { list: string; version: string }): ConnectionModel<T> {
  checkPageSize(args.first);
  let start = 0;
  if (args.after !== undefined && args.after !== null) {
    const [version, position] = decodeCursor(args.after, scope.list);
    if (typeof version !== 'string' || !Number.isInteger(position) || (position as number) < 0) throw invalidCursor();
    if (version !== scope.version) throw invalidCursor(`was given for version ${version} of this list, which has changed since (now ${scope.version}): start again without after`);
    start = (position as number) + 1;
  }
  const page = items.slice(start, start + args.first);
  const end = start + page.length;
  return {
    nodes: page,
    pageInfo: { endCursor: page.length === 0 ? null : encodeCursor(scope.list, [scope.version, end - 1]), hasNextPage: end < items.length },
  };
}
