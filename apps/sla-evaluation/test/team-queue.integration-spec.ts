import type { IncidentEvent, Level } from '@underpin/domain';
import { domainClocks } from './domain-oracle.util';
import { SlaEvaluationHarness } from './sla-evaluation-harness.util';
import { describeOnEachBus, meetingsExample, utc, type MeetingsExample } from '@underpin/testing';

const QUEUE = `query Queue($party: String!, $first: Int!, $after: String) { teamQueue(party: $party, first: $first, after: $after) {
  nodes { incident { id } priority remainingSeconds
    deadlines { agreement objective kind party state remainingSeconds dueAt breached nextAlert { kind threshold at } } }
  pageInfo { endCursor hasNextPage } } }`;

type QueuePage = { teamQueue: { nodes: QueueEntry[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

interface QueueEntry {
  incident: { id: string };
  priority: string;
  remainingSeconds: number | null;
  deadlines: Array<{ agreement: string; objective: string; kind: string; party: string; state: string; remainingSeconds: number; dueAt: string | null; breached: boolean }>;
}

function opened(incident: string, at: string, customer: string, [impact, urgency]: [Level, Level], assignee: string): IncidentEvent {
  return { type: 'incident.opened', at: utc(at), incident, service: 'video-meetings', customer, impact, urgency, assignee };
}

const P1: [Level, Level] = ['high', 'high'];
const P3: [Level, Level] = ['high', 'low'];
const P4: [Level, Level] = ['low', 'low'];

describeOnEachBus('teamQueue', ({ name: bus }) => {
  let example: MeetingsExample;
  let harness: SlaEvaluationHarness;
  const now = utc('2026-03-03T09:00:00');
  const events: IncidentEvent[] = [
    opened('INC-B', '2026-03-03T06:00:00', 'nordbank', P1, 'netops'),
    opened('INC-F', '2026-03-03T06:00:00', 'acme', P4, 'netops'),
    { type: 'incident.acknowledged', at: utc('2026-03-03T06:10:00'), incident: 'INC-B' },
    opened('INC-A', '2026-03-03T08:00:00', 'acme', P1, 'netops'),
    opened('INC-D', '2026-03-03T08:00:00', 'acme', P1, 'service-desk'),
    opened('INC-E', '2026-03-03T08:00:00', 'acme', P1, 'netops'),
    { type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-A' },
    { type: 'incident.resolved', at: utc('2026-03-03T08:20:00'), incident: 'INC-E' },
    opened('INC-C', '2026-03-03T08:30:00', 'acme', P3, 'netops'),
  ];

  beforeAll(async () => {
    example = meetingsExample();
    harness = await SlaEvaluationHarness.create('sla_team_queue', utc('2026-03-03T06:00:00'), {}, bus);
    await harness.start();
    await harness.publishCatalog(example.catalog, 'meetings-r1');
    for (const event of events) {
      harness.clock.set(event.at);
      await harness.publish(event);
    }
    await harness.advanceTo(now);
  }, 60_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it("lists the party's open incidents, least remaining budget first, each with one deadline per objective", async () => {
    const res = await harness.graphql<QueuePage>(QUEUE, { party: 'netops', first: 50 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.teamQueue.pageInfo.hasNextPage).toBe(false);
    const queue = res.data!.teamQueue.nodes;
    // INC-F is a P4, which no agreement times: nothing counts, so it comes last.
    expect(queue.map((entry) => entry.incident.id)).toEqual(['INC-A', 'INC-C', 'INC-B', 'INC-F']);

    const domain = domainClocks(example.catalog, events, now);
    for (const entry of queue) {
      const mine = [...domain].filter(([key]) => key.startsWith(`${entry.incident.id} `));
      expect(entry.deadlines.map((d) => `${entry.incident.id} ${d.agreement}/${d.objective}`).sort()).toEqual(mine.map(([key]) => key).sort());
      for (const deadline of entry.deadlines) {
        const expected = domain.get(`${entry.incident.id} ${deadline.agreement}/${deadline.objective}`)!;
        expect({ ref: deadline.objective, remaining: deadline.remainingSeconds, dueAt: deadline.dueAt, state: deadline.state }).toEqual({
          ref: deadline.objective,
          remaining: expected.remainingSeconds,
          dueAt: expected.dueAt === undefined ? null : new Date(expected.dueAt).toISOString(),
          state: expected.state,
        });
      }
      const counting = mine.filter(([, clock]) => clock.state === 'running' || clock.state === 'paused').map(([, clock]) => clock.remainingSeconds);
      expect(entry.remainingSeconds).toBe(counting.length === 0 ? null : Math.min(...counting));
      const dueTimes = entry.deadlines.map((d) => d.dueAt).filter((d): d is string => d !== null);
      expect(dueTimes).toEqual([...dueTimes].sort());
    }
    // INC-A: 1 h left of netops' 2 h restore OLA; INC-C (P3): 3 h 30 min of a 4 h office-hours response;
    // INC-B: 4 h left of netops' 6 office hours, Nordbank's 8 h SLA has 5 h.
    expect(queue.map((entry) => entry.remainingSeconds)).toEqual([3600, 12_600, 14_400, null]);
    expect(queue.map((entry) => entry.priority)).toEqual(['P1', 'P3', 'P1', 'P4']);
  });

  it('returns the first entries only, and the rest page by page after them', async () => {
    const res = await harness.graphql<QueuePage>(QUEUE, { party: 'netops', first: 2 });
    expect(res.data!.teamQueue.nodes.map((entry) => entry.incident.id)).toEqual(['INC-A', 'INC-C']);
    expect(res.data!.teamQueue.pageInfo.hasNextPage).toBe(true);
    const desk = await harness.graphql<QueuePage>(QUEUE, { party: 'service-desk', first: 50 });
    expect(desk.data!.teamQueue.nodes.map((entry) => entry.incident.id)).toEqual(['INC-D']);

    // One at a time: the last entry (nothing counting, so never due) is passed through its cursor too.
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: QueuePage = (await harness.graphql<QueuePage>(QUEUE, { party: 'netops', first: 1, after })).data!;
      walked.push(...page.teamQueue.nodes.map((entry) => entry.incident.id));
      after = page.teamQueue.pageInfo.endCursor;
      if (!page.teamQueue.pageInfo.hasNextPage) break;
    }
    expect(walked).toEqual(['INC-A', 'INC-C', 'INC-B', 'INC-F']);
    // After the last entry there is nothing, even for the cursor of an entry that is never due.
    const last = await harness.graphql<QueuePage>(QUEUE, { party: 'netops', first: 1, after });
    expect(last.data!.teamQueue).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it('names `after` when the cursor is not one of this list', async () => {
    for (const after of ['bm9wZQ', Buffer.from('["teamQueue","soon","none","INC-A"]').toString('base64url'), Buffer.from('["trackedIncidents",1,2,"x"]').toString('base64url')]) {
      const res = await harness.graphql(QUEUE, { party: 'netops', first: 1, after });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
    }
  });

  it('answers bad arguments with an error naming each field and no stack trace', async () => {
    const res = await harness.graphql(QUEUE, { party: 'net ops', first: 0 });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('party: must be an id');
    expect(res.errors?.[0]?.message).toContain('first: must be an integer between 1 and 500');
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});
