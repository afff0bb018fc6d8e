import { INCIDENT_EVENTS_TOPIC, type EnvelopeOf } from '@underpin/contracts';
import { readPlatformConfig, startService, type RunningService } from '@underpin/platform';
import { createTestDatabase, describeOnEachBus, waitUntil, type TestBus, type TestDatabase } from '@underpin/testing';
import { incidentsService } from '../src/incidents.module';

type IntakeBody = { results: Array<{ status: string; incident?: string }>; problems: Array<{ index: number; path: string }> };
type Gql<T> = { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describeOnEachBus('incidents service', (buses) => {
  let db: TestDatabase;
  let service: RunningService;
  let bus: TestBus;
  let now = Date.parse('2026-03-03T08:12:00Z');
  const received: Array<EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>> = [];

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<Gql<T>> {
    const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Gql<T>;
  }

  async function intake(body: unknown): Promise<{ status: number; body: IntakeBody }> {
    const res = await fetch(`${service.url}/intake/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as IntakeBody };
  }

  beforeAll(async () => {
    db = await createTestDatabase('incidents');
    bus = await buses.create({ name: 'incidents' });
    bus.bus.subscribe({ topic: INCIDENT_EVENTS_TOPIC, group: 'test-observer', handler: async (e) => void received.push(e) });
    const config = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, { bus: buses.name });
    service = await startService(incidentsService, { config, bus: bus.bus, now: () => now }, { port: 0 });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await bus?.dispose();
    await db?.drop();
  });

  it('runs an incident through its life and publishes every change in order', async () => {
    const open = await gql<{ openIncident: { id: string } }>(
      `mutation { openIncident(input: { service: "video-meetings", customer: "acme", impact: high, urgency: high, assignee: "service-desk" }) { id } }`,
    );
    const id = open.data!.openIncident.id;
    const steps: Array<[string, number]> = [
      [`acknowledge(id: "${id}")`, 7],
      [`handover(id: "${id}", to: "netops")`, 12],
      [`pause(id: "${id}", reason: "awaiting-customer")`, 60],
      [`resume(id: "${id}")`, 40],
      [`changePriority(id: "${id}", impact: high, urgency: medium)`, 5],
      [`resolve(id: "${id}")`, 30],
      [`reopen(id: "${id}")`, 10],
      [`resolve(id: "${id}")`, 10],
      [`close(id: "${id}")`, 1],
    ];
    for (const [mutation, minutes] of steps) {
      now += minutes * 60_000;
      const res = await gql(`mutation { ${mutation} { id status } }`);
      expect({ mutation, errors: res.errors }).toEqual({ mutation, errors: undefined });
    }
    const read = await gql<{ incident: { status: string; priority: string; assignee: string; timeline: { nodes: Array<{ seq: number; type: string; to: string | null; reason: string | null }> } } }>(
      `{ incident(id: "${id}") { status priority assignee timeline { nodes { seq type to reason } } } }`,
    );
    expect(read.data!.incident).toMatchObject({ status: 'closed', priority: 'P2', assignee: 'netops' });
    expect(read.data!.incident.timeline.nodes.map((e) => e.type)).toEqual([
      'incident.opened', 'incident.acknowledged', 'incident.handover', 'incident.paused', 'incident.resumed',
      'incident.reprioritized', 'incident.resolved', 'incident.reopened', 'incident.resolved', 'incident.closed',
    ]);
    await waitUntil('all ten events on the bus', () => received.filter((e) => e.key === id).length === 10);
    expect(received.filter((e) => e.key === id).map((e) => e.type)).toEqual(read.data!.incident.timeline.nodes.map((e) => e.type));

    // The same timeline four events at a time: every event once, in order.
    const TIMELINE = `query ($id: ID!, $after: String) { incident(id: $id) { timeline(first: 4, after: $after) { nodes { seq } pageInfo { endCursor hasNextPage } } } }`;
    type TimelinePage = { incident: { timeline: { nodes: Array<{ seq: number }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } };
    const pages: number[][] = [];
    let after: string | null = null;
    do {
      const page: Gql<TimelinePage> = await gql<TimelinePage>(TIMELINE, { id, after });
      expect(page.errors).toBeUndefined();
      const { nodes, pageInfo } = page.data!.incident.timeline;
      pages.push(nodes.map((event) => event.seq));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after !== null && pages.length < 10);
    expect(pages).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
  });

  it('pages incidents newest first, each once, and names `first` or `after` when they are wrong', async () => {
    const PAGE = `query ($first: Int!, $after: String) { incidents(first: $first, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
    type Page = { incidents: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    for (const input of ['{ service: "video-meetings", customer: "acme", impact: low, urgency: low }', '{ service: "video-meetings", customer: "nordbank", impact: low, urgency: low }']) {
      now += 60_000;
      expect((await gql(`mutation { openIncident(input: ${input}) { id } }`)).errors).toBeUndefined();
    }
    const all = (await gql<Page>(PAGE, { first: 500 })).data!.incidents;
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.nodes.length).toBeGreaterThanOrEqual(2);

    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages <= all.nodes.length; pages++) {
      const page: Page = (await gql<Page>(PAGE, { first: 1, after })).data!;
      walked.push(...page.incidents.nodes.map((incident) => incident.id));
      if (!page.incidents.pageInfo.hasNextPage) break;
      after = page.incidents.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.nodes.map((incident) => incident.id));

    for (const first of [0, 501]) {
      const refused = await gql(PAGE, { first });
      expect(refused.errors?.[0]).toMatchObject({ message: 'first: must be an integer between 1 and 500', extensions: { code: 'BAD_USER_INPUT' } });
    }
    const forged = await gql(PAGE, { first: 1, after: Buffer.from('["incidents","yesterday","x"]').toString('base64url') });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
    const timelineCursor = await gql<{ incident: { timeline: { pageInfo: { endCursor: string } } } }>(
      `query ($id: ID!) { incident(id: $id) { timeline(first: 1) { pageInfo { endCursor } } } }`,
      { id: all.nodes[0].id },
    );
    const borrowed = await gql(PAGE, { first: 1, after: timelineCursor.data!.incident.timeline.pageInfo.endCursor });
    expect(borrowed.errors?.[0]?.message).toMatch(/^after: is not a cursor of this list/);
  });

  it('rejects invalid transitions with a clear error and changes nothing', async () => {
    const open = await gql<{ openIncident: { id: string } }>(`mutation { openIncident(input: { service: "video-meetings", customer: "acme", impact: low, urgency: low }) { id } }`);
    const id = open.data!.openIncident.id;
    const resume = await gql(`mutation { resume(id: "${id}") { id } }`);
    expect(resume.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'not-paused' } });
    expect(resume.errors?.[0].message).toContain('not paused');

    now += 60_000;
    await gql(`mutation { resolve(id: "${id}") { id } }`);
    await gql(`mutation { close(id: "${id}") { id } }`);
    const again = await gql(`mutation { resolve(id: "${id}") { id } }`);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'incident-closed' } });

    const backdated = await gql(`mutation { reopen(id: "${id}", at: "2020-01-01T00:00:00Z") { id } }`);
    expect(backdated.errors?.[0].extensions?.['code']).toBe('CONFLICT');
    const missing = await gql(`mutation { acknowledge(id: "INC-nope") { id } }`);
    expect(missing.errors?.[0]).toMatchObject({ message: 'incident INC-nope not found', extensions: { code: 'NOT_FOUND' } });
    const blank = await gql(`mutation { handover(id: "${id}", to: "net ops") { id } }`);
    expect(blank.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(blank.errors?.[0].message).toContain('to:');
  });

  it('takes ITSM webhooks idempotently: a retried delivery records nothing twice', async () => {
    const batch = [
      { type: 'incident.opened', at: '2026-03-05T15:40:00+01:00', incident: 'SNOW-7', service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'medium', assignee: 'service-desk' },
      { type: 'incident.acknowledged', at: '2026-03-05T15:52:00+01:00', incident: 'SNOW-7' },
      { eventId: 'evt-3', type: 'incident.handover', at: '2026-03-05T16:20:00+01:00', incident: 'SNOW-7', to: 'workplace' },
    ];
    const first = await intake(batch);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['recorded', 'recorded', 'recorded']);
    const retried = await intake(batch);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const id = first.body.results[0].incident as string;
    const read = await gql<{ incident: { assignee: string; timeline: { nodes: unknown[] } } }>(`{ incident(id: "${id}") { assignee timeline { nodes { seq } } } }`);
    expect(read.data!.incident).toMatchObject({ assignee: 'workplace' });
    expect(read.data!.incident.timeline.nodes).toHaveLength(3);
  });

  it('answers a malformed webhook with 400 naming each bad field, recording nothing', async () => {
    const res = await intake([
      { type: 'incident.opened', at: '2026-03-05T15:40:00+01:00', incident: 'SNOW-9', service: 'video-meetings', customer: 'acme', impact: 'huge', urgency: 'medium' },
      { type: 'incident.handover', at: 'yesterday', incident: 'SNOW-9', to: 'netops' },
    ]);
    expect(res.status).toBe(400);
    const paths = res.body.problems.map((p: { index: number; path: string }) => `${p.index}:${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['0:impact', '1:at']));
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|\.js:\d+/);
    const unknown = await gql<{ incidents: { nodes: Array<{ externalId: string | null }> } }>(`{ incidents(first: 100) { nodes { externalId } } }`);
    expect(unknown.data!.incidents.nodes.map((i) => i.externalId)).not.toContain('SNOW-9');
  });
});
