import { Pool } from 'pg';
import { InProcessEventBusService } from '@underpin/messaging';
import { readPlatformConfig, startService, type RunningService } from '@underpin/platform';
import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { incidentsService } from '../src/incidents.module';

type Problem = { index?: number; path: string; message: string };
type IntakeBody = { error?: string; results?: Array<{ status: string; incident?: string }>; problems?: Problem[] };
type Gql<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

const AT = '2026-03-05T15:40:00+01:00';
const HUGE_REASON = 'x'.repeat(900 * 1024);

describe('incidents service: the limits of incident fields at every API', () => {
  let db: TestDatabase;
  let sql: Pool;
  let service: RunningService;
  let bus: InProcessEventBusService;

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<Gql<T>> {
    const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Gql<T>;
  }

  async function intake(rawBody: string): Promise<{ status: number; body: IntakeBody }> {
    const res = await fetch(`${service.url}/intake/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: rawBody });
    return { status: res.status, body: (await res.json()) as IntakeBody };
  }

  async function open(): Promise<string> {
    const res = await gql<{ openIncident: { id: string } }>(`mutation { openIncident(input: { service: "video-meetings", customer: "acme", impact: low, urgency: low }) { id } }`);
    return res.data!.openIncident.id;
  }

  async function incidentsWithExternalId(externalId: string): Promise<number> {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents.incidents WHERE external_id = $1', [externalId]);
    return rows[0].n;
  }

  async function timelineEventCount(): Promise<number> {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents.timeline_events');
    return rows[0].n;
  }

  beforeAll(async () => {
    db = await createTestDatabase('incidents_limits');
    sql = new Pool({ connectionString: db.url, max: 2 });
    bus = new InProcessEventBusService();
    await bus.start();
    const config = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, { bus: 'in-process' });
    service = await startService(incidentsService, { config, bus, now: () => Date.parse('2026-03-05T16:00:00Z') }, { port: 0 });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await bus?.stop();
    await sql?.end();
    await db?.drop();
  });

  describe('GraphQL', () => {
    it('refuses a 900 KB pause reason, naming the argument and the limit, and records nothing', async () => {
      const id = await open();
      const res = await gql(`mutation Pause($id: ID!, $reason: String!) { pause(id: $id, reason: $reason) { id } }`, { id, reason: HUGE_REASON });
      expect(res.errors?.[0]).toMatchObject({
        message: `reason: must have at most 100 characters, got ${HUGE_REASON.length}`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const read = await gql<{ incident: { status: string; timeline: { nodes: unknown[] } } }>(`{ incident(id: "${id}") { status timeline { nodes { seq } } } }`);
      expect(read.data!.incident).toEqual({ status: 'open', timeline: { nodes: [{ seq: 1 }] } });
    });

    it.each([
      ['title', { title: 't'.repeat(2001) }, 'input.title: must have at most 2000 characters, got 2001'],
      ['region', { region: 'eu north' }, 'input.region: must be an id: letters, digits, . _ : - and no spaces, got "eu north"'],
      ['assignee', { assignee: 'a'.repeat(201) }, 'input.assignee: must have at most 200 characters, got 201'],
      ['externalId', { externalId: 'SNOW 7' }, 'input.externalId: must be an id: letters, digits, . _ : - and no spaces, got "SNOW 7"'],
    ])('refuses an openIncident %s past its limit', async (_field, patch, message) => {
      const res = await gql(`mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }`, {
        input: { service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'high', ...patch },
      });
      expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('refuses a handover party and an incident id past their limits', async () => {
      const id = await open();
      const to = await gql(`mutation H($id: ID!, $to: String!) { handover(id: $id, to: $to) { id } }`, { id, to: 'p'.repeat(201) });
      expect(to.errors?.[0]).toMatchObject({ message: 'to: must have at most 200 characters, got 201', extensions: { code: 'BAD_USER_INPUT' } });
      const longId = await gql(`mutation A($id: ID!) { acknowledge(id: $id) { id } }`, { id: 'I'.repeat(201) });
      expect(longId.errors?.[0]).toMatchObject({ message: 'id: must have at most 200 characters, got 201', extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  describe('ITSM intake', () => {
    it('refuses a 900 KB pause reason with 400 naming the event, the field and the limit', async () => {
      const opened = await intake(JSON.stringify({ type: 'incident.opened', at: AT, incident: 'SNOW-30', service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'high' }));
      expect(opened.status).toBe(200);
      const res = await intake(JSON.stringify([{ type: 'incident.paused', at: '2026-03-05T15:50:00+01:00', incident: 'SNOW-30', reason: HUGE_REASON }]));
      expect(res).toEqual({
        status: 400,
        body: { error: 'bad-request', problems: [{ index: 0, path: 'reason', message: `must have at most 100 characters, got ${HUGE_REASON.length}` }] },
      });
      const id = opened.body.results![0].incident!;
      const read = await gql<{ incident: { status: string } }>(`{ incident(id: "${id}") { status } }`);
      expect(read.data!.incident.status).toBe('open');
    });

    it('validates the whole batch before recording: bad 3rd, 4th and 5th events record nothing and publish nothing', async () => {
      const batch = [
        { type: 'incident.opened', at: AT, incident: 'SNOW-31', service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'medium' },
        { type: 'incident.acknowledged', at: '2026-03-05T15:45:00+01:00', incident: 'SNOW-31' },
        { type: 'incident.handover', at: '2026-03-05T15:50:00+01:00', incident: 'SNOW-31', to: 'net ops' },
        { type: 'incident.paused', at: '2026-03-05T15:55:00+01:00', incident: 'SNOW-31', reason: 'r'.repeat(101) },
        { type: 'incident.opened', at: AT, incident: 'SNOW-32', service: 'video-meetings', customer: 'c'.repeat(201), impact: 'low', urgency: 'low' },
      ];
      const eventsBefore = await timelineEventCount();
      const res = await intake(JSON.stringify(batch));
      expect(res).toEqual({
        status: 400,
        body: {
          error: 'bad-request',
          problems: [
            { index: 2, path: 'to', message: 'must be an id: letters, digits, . _ : - and no spaces, got "net ops"' },
            { index: 3, path: 'reason', message: 'must have at most 100 characters, got 101' },
            { index: 4, path: 'customer', message: 'must have at most 200 characters, got 201' },
          ],
        },
      });
      expect(await incidentsWithExternalId('SNOW-31')).toBe(0);
      expect(await incidentsWithExternalId('SNOW-32')).toBe(0);
      // Events are published only from outbox rows written in the transaction of their
      // timeline rows: no timeline row, nothing published.
      expect(await timelineEventCount()).toBe(eventsBefore);
    });

    it.each([
      ['a string', '"hello"', 'got the string "hello"'],
      ['a number', '42', 'got the number 42'],
      ['null', 'null', 'got null'],
      ['an empty object', '{}', 'got an empty object'],
      ['an object that is not an event', '{"events":[]}', 'got an object without "type" (its fields: events)'],
      ['an empty array', '[]', 'got an empty array'],
    ])('answers a body that is %s with 400 saying what it expected', async (_name, body, got) => {
      const res = await intake(body);
      expect(res).toEqual({
        status: 400,
        body: {
          error: 'bad-request',
          problems: [{ path: '', message: `expected one incident event (a JSON object with "type", "at" and "incident") or a JSON array of 1 to 1000 of them; ${got}` }],
        },
      });
    });

    it('names each array item that is not an event object', async () => {
      const res = await intake('[1, "two", null]');
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        { index: 0, path: '', message: 'expected an event object, got the number 1' },
        { index: 1, path: '', message: 'expected an event object, got the string "two"' },
        { index: 2, path: '', message: 'expected an event object, got null' },
      ]);
    });
  });
});
