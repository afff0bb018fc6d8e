import { createTestDatabase, deepRunawayQuery, MEETINGS_CATALOG_PATH, startNodeProcess, waitUntil, wideRunawayQuery, type NodeProcess, type TestDatabase } from '@underpin/testing';

type Gql = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

// Well above what the service needs to boot and answer (about 120 MB), far below what the
// runaway queries would take: a service that tried to answer them dies here, not the machine.
const HEAP_MB = 256;

jest.setTimeout(180_000);

/** The distributed mode's ola-chaining process, with a heap limit, asked what once killed it. */
describe('ola-chaining: a runaway query is refused before it runs', () => {
  let db: TestDatabase;
  let service: NodeProcess;

  async function post(query: string): Promise<{ status: number; body: Gql }> {
    // A time limit, so a service that hangs on the query fails the spec instead of stalling it.
    const res = await fetch(`${service.ready}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: (await res.json()) as Gql };
  }

  async function ask(query: string): Promise<{ status: number; body: Gql }> {
    try {
      return await post(query);
    } catch (error) {
      // The socket closes as the process dies; give its exit a moment to be seen before saying which.
      await waitUntil('the service to exit', () => !service.running(), { timeoutMs: 2_000 }).catch(() => undefined);
      const cause = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      throw new Error(`no answer (${cause}); the service ${service.running() ? 'still runs' : 'died'}. It printed:\n${service.output().slice(-2_000)}`);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('ola_chaining_runaway');
    service = await startNodeProcess({
      script: 'apps/ola-chaining/src/main.ts',
      env: { DATABASE_URL: db.url, UNDERPIN_BUS: 'in-process', UNDERPIN_CATALOG: MEETINGS_CATALOG_PATH, PORT: '0', LOG_LEVEL: 'log' },
      maxHeapMb: HEAP_MB,
      ready: /listening on (http:\/\/[\d.:]+)/,
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('answers the 228-byte query with QUERY_TOO_DEEP, and the next query as usual', async () => {
    const query = deepRunawayQuery();
    expect(Buffer.byteLength(query)).toBe(228);

    const { status, body } = await ask(query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', maxDepth: 15, depth: 18 });
    expect(body.errors![0].message).toContain('agreement.objectives.agreement.objectives');

    expect(service.running()).toBe(true);
    const next = await ask('{ agreement(id: "sla-acme-video") { objectives { ref } } }');
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data).toMatchObject({ agreement: { objectives: expect.arrayContaining([{ ref: 'sla-acme-video/p1-resolution' }]) } });
  });

  it('answers a shallow query that fans out by aliases and fragments with QUERY_TOO_COSTLY', async () => {
    const { status, body } = await ask(wideRunawayQuery());
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: expect.any(Number) });
    const { cost, maxCost } = body.errors![0].extensions as { cost: number; maxCost: number };
    expect(cost).toBeGreaterThan(maxCost);

    expect(service.running()).toBe(true);
    const next = await ask('{ catalog { revision } }');
    expect(next.body.errors).toBeUndefined();
  });
});
