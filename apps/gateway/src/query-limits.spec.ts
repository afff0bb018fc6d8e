import { getIntrospectionQuery } from 'graphql';
import { GATEWAY_QUERY_LIMITS } from '@underpin/platform';
import { deepRunawayQuery, wideRunawayQuery } from '@underpin/testing';
import { startGateway, type RunningGateway } from './start-gateway.util';
import { SUBGRAPHS, type SubgraphName } from './supergraph/subgraphs.constant';

type Body = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('gateway: queries past its limits', () => {
  let gateway: RunningGateway;
  const post = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as Body };
  };

  beforeAll(async () => {
    // Nothing listens on port 9: whatever the gateway answers here, it answered without a subgraph.
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
    gateway = await startGateway({ subgraphUrls }, { port: 0, logLevel: 'error' });
  });

  afterAll(() => gateway?.close());

  it('refuses the objective ↔ agreement cycle nested 18 deep with QUERY_TOO_DEEP, asking no subgraph', async () => {
    const { status, body } = await post(deepRunawayQuery());
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: 'query nests fields 18 deep (agreement.objectives.agreement.objectives.agreement.objectives.agreement.objectives…); this server answers at most 15 levels',
        extensions: { code: 'QUERY_TOO_DEEP', depth: 18, maxDepth: 15 },
      },
    ]);
  });

  it('refuses a shallow fan-out by aliases and fragments with QUERY_TOO_COSTLY', async () => {
    const { status, body } = await post(wideRunawayQuery());
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: GATEWAY_QUERY_LIMITS.maxCost });
  });

  it('refuses a page too large to answer with QUERY_TOO_COSTLY, its size from the variables', async () => {
    const query = 'query ($n: Int!) { incidents(first: $n) { nodes { id timeline(first: $n) { nodes { seq type at } } } } }';
    const { status, body } = await post(query, { n: 500 });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 1 + 1 + 500 * (1 + 1 + 1 + 500 * 3), maxCost: GATEWAY_QUERY_LIMITS.maxCost });
  });

  it('answers the standard introspection query', async () => {
    const { status, body } = await post(getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });
});
