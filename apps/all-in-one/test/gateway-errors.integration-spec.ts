import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { startAllInOne, type AllInOne } from '../src/all-in-one-host.util';

type Errors = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** What no error may show a caller: where the services run, or how the code failed. */
const INTERNALS = /http|127\.0\.0\.1|localhost|stack/i;
const EXPECTED_INSTANT = 'expected an ISO-8601 instant with an offset, like "2026-03-03T09:12:00+01:00", got "yesterday"';

describe('gateway: errors of the subgraphs, as the caller sees them', () => {
  let db: TestDatabase;
  let platform: AllInOne;

  /** The raw body as well as the parsed one: the leak checks read every byte. */
  async function post(query: string, variables?: Record<string, unknown>): Promise<{ status: number; text: string; body: Errors }> {
    const res = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Errors };
  }

  beforeAll(async () => {
    db = await createTestDatabase('gateway_errors');
    platform = await startAllInOne({ env: { DATABASE_URL: db.url, LOG_LEVEL: 'error', UNDERPIN_CATALOG: '' }, port: 0 });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('answers an invalid DateTime literal with BAD_USER_INPUT naming the argument', async () => {
    const res = await post(`mutation { acknowledge(id: "INC-1", at: "yesterday") { id } }`);
    expect(res.body.errors).toEqual([
      {
        message: `at: ${EXPECTED_INSTANT}`,
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'at', message: EXPECTED_INSTANT }] },
      },
    ]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('answers an invalid DateTime variable with BAD_USER_INPUT naming the argument and the variable', async () => {
    const res = await post(`mutation Ack($when: DateTime) { acknowledge(id: "INC-1", at: $when) { id } }`, { when: 'yesterday' });
    expect(res.body.errors).toEqual([
      {
        message: `at (variable $when): ${EXPECTED_INSTANT}`,
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'at', message: EXPECTED_INSTANT }] },
      },
    ]);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('names the field of an input object, given inline or in a variable', async () => {
    const literal = await post(`mutation { openIncident(input: { service: "s", customer: "c", impact: high, urgency: high, openedAt: "yesterday" }) { id } }`);
    expect(literal.body.errors?.[0]).toMatchObject({ message: `input.openedAt: ${EXPECTED_INSTANT}`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(literal.text).not.toMatch(INTERNALS);

    const variable = await post(`mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }`, {
      input: { service: 's', customer: 'c', impact: 'high', urgency: 'high', openedAt: 'yesterday' },
    });
    expect(variable.body.errors?.[0]).toMatchObject({ message: `input.openedAt (variable $input): ${EXPECTED_INSTANT}`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(variable.text).not.toMatch(INTERNALS);
  });

  it('passes a subgraph error through with its code and message, and nothing of where it came from', async () => {
    const res = await post(`mutation { acknowledge(id: "INC-nope") { id } }`);
    expect(res.body.errors).toEqual([{ message: 'incident INC-nope not found', path: ['acknowledge'], extensions: { code: 'NOT_FOUND' } }]);
  });
});
