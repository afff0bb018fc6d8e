import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { estimateQuery } from './query-cost.util';

// The shapes that matter: a cycle through plain lists, a connection, a root list with `first`.
const schema = buildSchema(`
  type PageInfo { endCursor: String, hasNextPage: Boolean! }
  type Agreement { id: ID!, objectives: [Objective!]!, tags: [String!]! }
  type Objective { ref: ID!, agreement: Agreement!, underpins(first: Int! = 50, after: String): ObjectiveConnection! }
  type ObjectiveConnection { nodes: [Objective!]!, pageInfo: PageInfo! }
  union Entity = Agreement | Objective
  type Query {
    agreement(id: ID!): Agreement
    versions(first: Int! = 20): [Agreement!]!
    _entities(representations: [String!]!): [Entity]!
  }
`);

const estimate = (query: string, variables?: Record<string, unknown>, assumedListSize = 10) => estimateQuery(schema, parse(query), { variables, assumedListSize })!;

describe(estimateQuery.name, () => {
  it('counts one per field value, a plain list multiplying what is below it by the assumed size', () => {
    // agreement, id, tags, objectives; then for each of 10 objectives: ref, agreement and its id.
    expect(estimate('{ agreement(id: "a") { id tags objectives { ref agreement { id } } } }')).toEqual({
      cost: 1 + 1 + 1 + 1 + 10 * (1 + 1 + 1),
      depth: 4,
      deepestPath: ['agreement', 'objectives', 'agreement', 'id'],
    });
  });

  it('counts a list of scalars as one value and __typename as none', () => {
    expect(estimate('{ agreement(id: "a") { __typename tags } }')).toMatchObject({ cost: 2, depth: 2 });
  });

  it('multiplies a connection’s nodes by its first: given, from a variable, or the default', () => {
    const query = (first: string) => `query Q($n: Int! = 7) { agreement(id: "a") { objectives { underpins${first} { nodes { ref } pageInfo { hasNextPage } } } } }`;
    const cost = (pageSize: number) => 1 + 1 + 10 * (1 + 1 + pageSize * 1 + 1 + 1);
    expect(estimate(query('(first: 3)')).cost).toBe(cost(3));
    expect(estimate(query('')).cost).toBe(cost(50));
    expect(estimate(query('(first: $n)'), { n: 4 }).cost).toBe(cost(4));
    expect(estimate(query('(first: $n)')).cost).toBe(cost(7));
    // Execution refuses more than 500 per page; the estimate never counts more.
    expect(estimate(query('(first: 100000)')).cost).toBe(cost(500));
  });

  it('multiplies a root list by its first, and _entities by the representations sent', () => {
    expect(estimate('{ versions(first: 5) { id } }').cost).toBe(1 + 5);
    expect(estimate('{ versions { id } }').cost).toBe(1 + 20);
    const entities = 'query ($r: [String!]!) { _entities(representations: $r) { ... on Objective { ref agreement { id } } } }';
    expect(estimate(entities, { r: ['x', 'y', 'z'] })).toMatchObject({ cost: 1 + 3 * 3, depth: 3 });
  });

  it('counts every alias, and fragments as many times as they are spread', () => {
    expect(estimate('{ a: agreement(id: "a") { id } b: agreement(id: "b") { id } }').cost).toBe(4);
    const doubling = 'fragment F on Agreement { x: objectives { ref } y: objectives { ref } } { agreement(id: "a") { ...F } }';
    expect(estimate(doubling).cost).toBe(1 + 2 * (1 + 10));
  });

  it('sizes fragments that would answer exponentially in time linear in the document', () => {
    const levels = 200;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Agreement { id }` : `fragment F${i} on Agreement { objectives { a: agreement { ...F${i + 1} } b: agreement { ...F${i + 1} } } }`,
    );
    // A walk that expanded every spread would never return; this one visits each fragment once.
    const { cost, depth } = estimate(`{ agreement(id: "a") { ...F0 } } ${fragments.join(' ')}`);
    expect(cost).toBeGreaterThan(1e100);
    expect(depth).toBe(1 + 2 * (levels - 1) + 1);
  });

  it('leaves out what @skip or @include leave out, given or from variables', () => {
    expect(estimate('query ($no: Boolean!) { agreement(id: "a") { id objectives @include(if: $no) { ref } } }', { no: false }).cost).toBe(2);
    expect(estimate('{ agreement(id: "a") { id objectives @skip(if: true) { ref } } }').cost).toBe(2);
    expect(estimate('{ agreement(id: "a") { id objectives @skip(if: false) { ref } } }').cost).toBe(13);
  });

  it('sizes the standard introspection query: 15 levels deep', () => {
    expect(estimate(getIntrospectionQuery()).depth).toBe(15);
  });

  it('picks the named operation of a document with several', () => {
    const document = 'query Small { agreement(id: "a") { id } } query Big { versions(first: 100) { id } }';
    expect(estimateQuery(schema, parse(document), { operationName: 'Big', assumedListSize: 10 })!.cost).toBe(101);
    expect(estimateQuery(schema, parse(document), { assumedListSize: 10 })).toBeUndefined();
  });
});
