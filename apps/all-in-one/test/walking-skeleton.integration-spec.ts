import { createTestDatabase, waitUntil, type TestDatabase } from '@underpin/testing';
import { startAllInOne, type AllInOne } from '../src/all-in-one-host.util';
import { graphql } from './graphql-client.util';

const OPEN = `mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id priority status openedAt } }`;
const READ = `query Read($id: ID!) { incident(id: $id) { id title priority slaTracking { eventsApplied priority recordedAt } } }`;

type Read = { incident: { id: string; title: string; priority: string; slaTracking: { eventsApplied: number; priority: string } | null } | null };

describe('all-in-one walking skeleton', () => {
  let db: TestDatabase;
  let platform: AllInOne;

  beforeAll(async () => {
    db = await createTestDatabase('all_in_one');
    platform = await startAllInOne({ env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, port: 0 });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('carries openIncident through the outbox and the bus to sla-evaluation, joined by the gateway', async () => {
    const opened = await graphql<{ openIncident: { id: string; priority: string; status: string } }>(`${platform.url}/graphql`, OPEN, {
      input: { title: 'Nobody in Stockholm can join meetings', service: 'video-meetings', customer: 'acme', region: 'eu-north', impact: 'high', urgency: 'high', assignee: 'service-desk' },
    });
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openIncident.id;
    expect(opened.data!.openIncident).toMatchObject({ priority: 'P1', status: 'open' });

    let read: Read | undefined;
    await waitUntil('sla-evaluation to record the incident', async () => {
      read = (await graphql<Read>(`${platform.url}/graphql`, READ, { id })).data;
      return read?.incident?.slaTracking != null;
    });
    expect(read!.incident).toMatchObject({ id, title: 'Nobody in Stockholm can join meetings', priority: 'P1', slaTracking: { eventsApplied: 1, priority: 'P1' } });
  });

  it('opens one incident for a retried externalId', async () => {
    const input = { service: 'video-meetings', customer: 'acme', impact: 'medium', urgency: 'low', externalId: 'SNOW-42' };
    const first = await graphql<{ openIncident: { id: string } }>(`${platform.url}/graphql`, OPEN, { input });
    const second = await graphql<{ openIncident: { id: string } }>(`${platform.url}/graphql`, OPEN, { input });
    expect(second.data!.openIncident.id).toBe(first.data!.openIncident.id);
  });

  it('answers bad input with an error naming the field and no stack trace', async () => {
    const res = await graphql(`${platform.url}/graphql`, OPEN, {
      input: { service: 'video meetings!', customer: '', impact: 'high', urgency: 'high', openedAt: 'yesterday' },
    });
    expect(res.data ?? null).toBeNull();
    const text = JSON.stringify(res.errors);
    expect(text).toContain('openedAt');
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);

    const fields = await graphql(`${platform.url}/graphql`, OPEN, {
      input: { service: 'video meetings!', customer: '', impact: 'high', urgency: 'high' },
    });
    expect(fields.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(fields.errors?.[0]?.message).toContain('input.service');
    expect(fields.errors?.[0]?.message).toContain('input.customer');
    expect(JSON.stringify(fields.errors)).not.toContain('stacktrace');
  });

  it('serves the status feed through the gateway, linking to the gateway', async () => {
    const res = await fetch(`${platform.url}/status/feed.json`);
    expect(res.status).toBe(200);
    const feed = (await res.json()) as { items?: unknown[]; feed_url?: string; home_page_url?: string };
    expect(Array.isArray(feed.items)).toBe(true);
    // Readers follow these links: the notifications service's own port is not reachable for them.
    expect(feed.feed_url).toBe(`${platform.url}/status/feed.json`);
    const rss = await (await fetch(`${platform.url}/status/feed.rss`)).text();
    expect(rss).toContain(`<atom:link href="${platform.url}/status/feed.rss"`);
  });

  it('reports every service healthy through the gateway', async () => {
    const res = await fetch(`${platform.url}/health`);
    expect(res.status).toBe(200);
    for (const service of platform.services) {
      const own = await fetch(`${service.url}/health`);
      expect({ service: service.name, status: own.status }).toEqual({ service: service.name, status: 200 });
    }
  });
});
