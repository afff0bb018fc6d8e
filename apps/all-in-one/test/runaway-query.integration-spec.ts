import { createTestDatabase, deepRunawayQuery, startNodeProcess, waitUntil, wideRunawayQuery, type NodeProcess, type TestDatabase } from '@underpin/testing';

type Gql = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

// Every service and the gateway in one process need about 250 MB; the runaway queries would
// need gigabytes. A platform that tried to answer one dies here, not the machine.
const HEAP_MB = 512;

jest.setTimeout(180_000);

/** `npm start` with a heap limit, asked through the gateway what once took the platform down. */
describe('all-in-one: a runaway query through the gateway is refused, and the platform serves on', () => {
  let db: TestDatabase;
  let platform: NodeProcess;

  async function ask(query: string): Promise<{ status: number; body: Gql }> {
    try {
      const res = await fetch(platform.ready, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: (await res.json()) as Gql };
    } catch (error) {
      await waitUntil('the platform to exit', () => !platform.running(), { timeoutMs: 2_000 }).catch(() => undefined);
      throw new Error(`no answer (${error instanceof Error ? error.message : String(error)}); the platform ${platform.running() ? 'still runs' : 'died'}. It printed:\n${platform.output().slice(-2_000)}`);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('all_in_one_runaway');
    platform = await startNodeProcess({
      script: 'apps/all-in-one/src/main.ts',
      env: { DATABASE_URL: db.url, PORT: '0', UNDERPIN_DEMO: 'off', LOG_LEVEL: 'warn' },
      maxHeapMb: HEAP_MB,
      ready: /GraphQL: (http:\/\/\S+\/graphql)/,
    });
  });

  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it.each([
    ['the 228-byte objective ↔ agreement cycle', deepRunawayQuery(), 'QUERY_TOO_DEEP'],
    ['a shallow fan-out by aliases and fragments', wideRunawayQuery(), 'QUERY_TOO_COSTLY'],
  ])('answers %s with %s and then serves the next query', async (_what, query, code) => {
    const { status, body } = await ask(query);
    expect({ status, errors: body.errors?.map((error) => error.extensions?.['code']) }).toEqual({ status: 400, errors: [code] });

    expect(platform.running()).toBe(true);
    const next = await ask('{ agreement(id: "sla-acme-video") { id catalogRevision objective(id: "p1-resolution") { target } } }');
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data).toEqual({ agreement: { id: 'sla-acme-video', catalogRevision: expect.stringMatching(/^[0-9a-f]{64}$/), objective: { target: '4h' } } });
  });
});
