import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '../start-gateway.util';
import { SUBGRAPHS, type SubgraphName } from '../supergraph/subgraphs.constant';

/** What no error may show a caller: where the services run, or how the code failed. */
const INTERNALS = /http|127\.0\.0\.1|localhost|10\.0\.0\.7|stack|exception|serviceName/i;

type Answer = { status: number; type: string; body: string };

describe('gateway: what a caller sees of a subgraph failure', () => {
  let subgraph: Server;
  let answer: Answer;
  let gateway: RunningGateway;
  let downGateway: RunningGateway;

  async function query(target: RunningGateway): Promise<{ text: string; body: { errors?: unknown[] } }> {
    const res = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ incident(id: "INC-1") { id } }' }) });
    const text = await res.text();
    return { text, body: JSON.parse(text) as { errors?: unknown[] } };
  }

  const urls = (url: string) => Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>;

  beforeAll(async () => {
    // A stand-in subgraph that answers whatever the test sets.
    subgraph = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body));
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const { port } = subgraph.address() as AddressInfo;
    gateway = await startGateway({ subgraphUrls: urls(`http://127.0.0.1:${port}/graphql`) }, { port: 0, logLevel: 'error' });
    // Nothing listens on port 9.
    downGateway = await startGateway({ subgraphUrls: urls('http://127.0.0.1:9/graphql') }, { port: 0, logLevel: 'error' });
  });

  afterAll(async () => {
    await gateway?.close();
    await downGateway?.close();
    await new Promise((resolve) => subgraph?.close(resolve));
  });

  it('passes the errors of a subgraph that answered 400 with their code and message, without its internals', async () => {
    const stack = ['Error: bad', '    at parse (/srv/app/dist/date-time.scalar.js:12:9)'];
    answer = {
      status: 400,
      type: 'application/json',
      body: JSON.stringify({
        errors: [
          {
            message: 'at: expected an ISO-8601 instant',
            locations: [{ line: 1, column: 30 }],
            extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'at', message: 'expected an ISO-8601 instant' }], stacktrace: stack, exception: { stacktrace: stack }, upstream: 'http://10.0.0.7:4001/graphql' },
          },
        ],
      }),
    };
    const res = await query(gateway);
    expect(res.body.errors).toEqual([{ message: 'at: expected an ISO-8601 instant', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'at', message: 'expected an ISO-8601 instant' }] } }]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('keeps a BAD_USER_INPUT that echoes an address the caller sent, with the address blanked out', async () => {
    const problem = 'must be an id: letters, digits, . _ : - and no spaces, got "http://10.0.0.7/x"';
    answer = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ data: { incident: null }, errors: [{ message: `reason: ${problem}`, path: ['incident'], extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'reason', message: problem }] } }] }),
    };
    const res = await query(gateway);
    const blanked = 'must be an id: letters, digits, . _ : - and no spaces, got "…"';
    expect(res.body.errors).toEqual([{ message: `reason: ${blanked}`, path: ['incident'], extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'reason', message: blanked }] } }]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('replaces a message that names an address', async () => {
    answer = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ data: { incident: null }, errors: [{ message: 'connect ECONNREFUSED 10.0.0.7:5432', path: ['incident'], extensions: { code: 'DATABASE_DOWN' } }] }),
    };
    const res = await query(gateway);
    expect(res.body.errors).toEqual([{ message: 'Internal server error', path: ['incident'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('reports a subgraph that answered something other than GraphQL as unavailable', async () => {
    answer = { status: 502, type: 'text/html', body: '<html>Bad Gateway nginx at 10.0.0.7</html>' };
    const res = await query(gateway);
    expect(res.body.errors).toEqual([{ message: 'the incidents service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('reports a subgraph that cannot be reached as unavailable, naming the service only', async () => {
    const res = await query(downGateway);
    expect(res.body.errors).toEqual([{ message: 'the incidents service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    expect(res.text).not.toMatch(INTERNALS);
  });
});
