import { startGateway, type RunningGateway } from './start-gateway.util';
import type { SubgraphName } from './supergraph/subgraphs.constant';
import { SUBGRAPHS } from './supergraph/subgraphs.constant';

describe('gateway: request bodies it cannot take', () => {
  let gateway: RunningGateway;
  const post = async (body: string) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    // Nothing listens on port 9: these requests must be answered before any subgraph is asked.
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
    gateway = await startGateway({ subgraphUrls, httpBodyLimitBytes: 4096 }, { port: 0, logLevel: 'error' });
  });

  afterAll(() => gateway?.close());

  it('answers a body over HTTP_BODY_LIMIT with 413 and both sizes', async () => {
    const body = JSON.stringify({ query: 'mutation { publishCatalog(files: []) { revision } }', variables: { padding: 'x'.repeat(6000) } });
    expect(await post(body)).toEqual({
      status: 413,
      body: { statusCode: 413, message: `request body of ${Buffer.byteLength(body)} bytes is larger than this server accepts (4096 bytes; HTTP_BODY_LIMIT sets it)` },
    });
  });

  it('answers a body that is not JSON with 400', async () => {
    expect(await post('{"query": ')).toEqual({ status: 400, body: { statusCode: 400, message: 'request body is not valid JSON' } });
  });

  it('passes a body under the limit on to GraphQL', async () => {
    const { status, body } = await post(JSON.stringify({ query: '{ __typename }' }));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });
});
