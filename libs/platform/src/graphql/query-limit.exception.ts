import { GraphQLError } from 'graphql';

// Refused before execution, like a validation error: the caller must change the query.
const BAD_REQUEST = { status: 400 };

const SHOWN_PATH_FIELDS = 8;

/** A query nested deeper than the server answers (`QUERY_TOO_DEEP`, with `depth` and `maxDepth`). */
export class QueryTooDeepException extends GraphQLError {
  constructor(depth: number, maxDepth: number, path: readonly string[]) {
    const shown = path.length > SHOWN_PATH_FIELDS ? `${path.slice(0, SHOWN_PATH_FIELDS).join('.')}…` : path.join('.');
    super(`query nests fields ${depth} deep (${shown}); this server answers at most ${maxDepth} levels`, {
      extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth, http: BAD_REQUEST },
    });
    this.name = 'QueryTooDeepException';
  }
}

/** A query whose answer could hold more field values than the server resolves (`QUERY_TOO_COSTLY`). */
export class QueryTooCostlyException extends GraphQLError {
  constructor(cost: number, maxCost: number, assumedListSize: number) {
    const estimate = Number.isFinite(cost) && cost < 1e15 ? Math.round(cost).toLocaleString('en-US') : 'an unbounded number of';
    super(
      `query could resolve ${estimate} field values (each list counted at its first, or ${assumedListSize} items without one); ` +
        `this server resolves at most ${maxCost.toLocaleString('en-US')} per query: ask for fewer fields or smaller pages`,
      { extensions: { code: 'QUERY_TOO_COSTLY', cost: Math.min(Math.round(cost), Number.MAX_SAFE_INTEGER), maxCost, http: BAD_REQUEST } },
    );
    this.name = 'QueryTooCostlyException';
  }
}
