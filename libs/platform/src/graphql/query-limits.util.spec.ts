import { buildSchema, parse } from 'graphql';
import { QueryTooCostlyException, QueryTooDeepException } from './query-limit.exception';
import { checkQueryLimits } from './query-limits.util';

const schema = buildSchema(`
  type Node { id: ID!, children: [Node!]!, page(first: Int! = 50): [Node!]! }
  type Query { node: Node }
`);
const limits = { maxDepth: 4, maxCost: 1_000, assumedListSize: 10 };

function refusal(query: string, variables?: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    checkQueryLimits(schema, parse(query), { variables }, limits);
    return undefined;
  } catch (error) {
    if (!(error instanceof QueryTooDeepException || error instanceof QueryTooCostlyException)) throw error;
    return { message: error.message, ...error.extensions };
  }
}

describe(checkQueryLimits.name, () => {
  it('lets a query within both limits through', () => {
    expect(refusal('{ node { id children { id children { id } } } }')).toBeUndefined();
  });

  it('refuses a query deeper than maxDepth with QUERY_TOO_DEEP, naming the path and a 400', () => {
    expect(refusal('{ node { children { children { children { id } } } } }')).toEqual({
      message: 'query nests fields 5 deep (node.children.children.children.id); this server answers at most 4 levels',
      code: 'QUERY_TOO_DEEP',
      depth: 5,
      maxDepth: 4,
      http: { status: 400 },
    });
  });

  it('refuses a query that could resolve more than maxCost values with QUERY_TOO_COSTLY', () => {
    expect(refusal('query ($n: Int!) { node { page(first: $n) { id children { id } } } }', { n: 100 })).toEqual({
      message:
        'query could resolve 1,202 field values (each list counted at its first, or 10 items without one); this server resolves at most 1,000 per query: ask for fewer fields or smaller pages',
      code: 'QUERY_TOO_COSTLY',
      cost: 1_202,
      maxCost: 1_000,
      http: { status: 400 },
    });
    expect(refusal('query ($n: Int!) { node { page(first: $n) { id children { id } } } }', { n: 10 })).toBeUndefined();
  });
});
