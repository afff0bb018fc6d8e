import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { startGateway, type RunningGateway } from './start-gateway.util';
import { SUBGRAPHS, type SubgraphName } from './supergraph/subgraphs.constant';

/** The GraphQL documents portal.js sends: its `query …` template literals and `'mutation …'` strings. */
function portalDocuments(): string[] {
  const source = readFileSync(join(repoRoot(), 'apps', 'portal', 'public', 'portal.js'), 'utf8');
  return [...source.matchAll(/`((?:query|mutation)\b[^`]*)`|'((?:query|mutation)\b[^']*)'/g)].map((match) => match[1] ?? match[2]);
}

describe('portal: the queries it sends', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    // No subgraph answers: a document gets as far as execution only if the gateway accepted it.
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
    gateway = await startGateway({ subgraphUrls }, { port: 0, logLevel: 'error' });
  });

  afterAll(() => gateway?.close());

  it('finds the documents', () => {
    expect(portalDocuments().length).toBeGreaterThanOrEqual(2);
  });

  it.each(portalDocuments().map((document) => [document.split(/[({]/)[0].trim(), document]))('%s is valid against the supergraph and within its limits', async (_name, document) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }) });
    const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const refusals = (body.errors ?? []).filter((error) => ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY'].includes(error.extensions?.code ?? ''));
    expect(refusals).toEqual([]);
  });
});
