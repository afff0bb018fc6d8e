import fc from 'fast-check';
import { Client } from 'pg';
import type { IncidentEvent } from '@underpin/domain';
import { asIncident, describeOnEachBus, eventsOf, meetingsExample, utc, waitUntil, type MeetingsExample } from '@underpin/testing';
import { IncidentStreamWatchService } from '../src/timers/incident-stream-watch.service';
import { expectedAlerts, type ExpectedAlert } from './domain-oracle.util';
import { SlaEvaluationHarness, type AlertStory, type ClockAlertEnvelope } from './sla-evaluation-harness.util';

const key = (a: { incident: string; agreement: string; objective: string; kind: string; threshold: number }) => `${a.incident} ${a.agreement}/${a.objective} ${a.kind} ${a.threshold}`;
const standing = (rows: AlertStory[]) =>
  rows
    .filter((row) => row.withdrawnAt === null)
    .map((row) => ({ key: key(row), at: new Date(row.at).toISOString(), dueAt: new Date(row.dueAt).toISOString() }))
    .sort((a, b) => a.key.localeCompare(b.key));
const expectedOf = (alerts: ExpectedAlert[]) =>
  alerts.map((a) => ({ key: key(a), at: new Date(a.at).toISOString(), dueAt: new Date(a.dueAt).toISOString() })).sort((a, b) => a.key.localeCompare(b.key));

const opened = (incident: string, at: string, customer = 'acme'): IncidentEvent => ({
  type: 'incident.opened',
  at: utc(at),
  incident,
  service: 'video-meetings',
  customer,
  impact: 'high',
  urgency: 'high',
  assignee: 'service-desk',
});

describeOnEachBus('sla-evaluation alerts in event time', ({ name: bus }) => {
  let example: MeetingsExample;
  const harnesses: SlaEvaluationHarness[] = [];

  async function harnessAt(prefix: string, startAt: string, env: Record<string, string> = {}): Promise<SlaEvaluationHarness> {
    const harness = await SlaEvaluationHarness.create(prefix, utc(startAt), env, bus);
    harnesses.push(harness);
    await harness.start();
    await harness.publishCatalog(example.catalog, 'meetings-r1');
    return harness;
  }

  beforeAll(async () => {
    example = meetingsExample();
  });

  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.dispose();
  });

  describe('a P1 handed over, then reprioritized to P3', () => {
    const events: IncidentEvent[] = [
      opened('INC-LW', '2026-03-03T08:00:00'),
      { type: 'incident.handover', at: utc('2026-03-03T08:09:00'), incident: 'INC-LW', to: 'netops' },
      { type: 'incident.reprioritized', at: utc('2026-03-03T08:12:00'), incident: 'INC-LW', impact: 'medium', urgency: 'medium' },
    ];
    const end = utc('2026-03-03T09:00:00');

    it('keeps the P1 handover warning whether the events come one per batch, live, all in one batch, or across a restart', async () => {
      const expected = expectedOf(expectedAlerts(example.catalog, events, end));
      expect(expected.map((a) => a.key)).toContain('INC-LW ola-service-desk/p1-handover warning 0.5');

      const live = await harnessAt('sla_lw_live', '2026-03-03T08:00:00', { INCIDENT_EVENTS_BATCH: '1' });
      for (const event of events) {
        await live.advanceTo(event.at);
        await live.publish(event);
      }
      await live.advanceTo(end);
      expect(standing(await live.alertStories())).toEqual(expected);

      const together = await harnessAt('sla_lw_one_batch', '2026-03-03T09:00:00');
      await together.publishAll(events);
      await together.wakeTimers();
      expect(standing(await together.alertStories())).toEqual(expected);

      const restarted = await harnessAt('sla_lw_restart', '2026-03-03T08:00:00', { INCIDENT_EVENTS_BATCH: '1' });
      await restarted.publish(events[0]);
      await restarted.stop();
      const waiting = restarted.enqueue(events.slice(1));
      restarted.clock.set(end);
      await restarted.start();
      await waiting.handled;
      await restarted.wakeTimers();
      expect(standing(await restarted.alertStories())).toEqual(expected);
      for (const harness of [live, together, restarted]) expect(harness.alertEvents.filter((e) => e.type === 'sla.clock.withdrawn')).toEqual([]);
    }, 120_000);
  });

  it('gives the alerts the domain computes, whatever the batching, the processing delays and the restarts', async () => {
    const incidents = [
      ...eventsOf(example, 'INC-1001'),
      ...eventsOf(example, 'INC-1002'),
      ...asIncident(eventsOf(example, 'INC-1003'), 'INC-1003-ACME', 'acme'),
      opened('INC-RP', '2026-03-03T10:00:00'),
      { type: 'incident.handover', at: utc('2026-03-03T10:10:00'), incident: 'INC-RP', to: 'netops' },
      { type: 'incident.reprioritized', at: utc('2026-03-03T10:40:00'), incident: 'INC-RP', impact: 'medium', urgency: 'medium' },
      { type: 'incident.reprioritized', at: utc('2026-03-03T11:10:00'), incident: 'INC-RP', impact: 'high', urgency: 'high' },
    ] as IncidentEvent[];
    const sorted = [...incidents].sort((a, b) => a.at - b.at);
    const end = utc('2026-03-31T00:00:00');
    const expected = expectedOf(expectedAlerts(example.catalog, sorted, end));
    const plan = fc.record({
      batch: fc.constantFrom('1', '2', '500'),
      cuts: fc.array(fc.boolean(), { minLength: sorted.length, maxLength: sorted.length }),
      delays: fc.array(fc.integer({ min: 0, max: 180 }), { minLength: sorted.length, maxLength: sorted.length }),
      restarts: fc.array(fc.boolean(), { minLength: sorted.length, maxLength: sorted.length }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(plan, async ({ batch, cuts, delays, restarts }) => {
        const harness = await harnessAt(`sla_batching_${run++}`, '2026-03-03T08:00:00', { INCIDENT_EVENTS_BATCH: batch });
        let group: IncidentEvent[] = [];
        for (let i = 0; i < sorted.length; i++) {
          group.push(sorted[i]);
          if (cuts[i] && i + 1 < sorted.length) continue;
          // The group is handled some minutes after its last event, never before it.
          const at = Math.max(harness.clock.now(), sorted[i].at + delays[i] * 60_000);
          if (restarts[i]) {
            await harness.stop();
            const waiting = harness.enqueue(group);
            harness.clock.set(at);
            await harness.start();
            await waiting.handled;
          } else {
            harness.clock.set(at);
            await harness.publishAll(group);
          }
          await harness.wakeTimers();
          group = [];
        }
        await harness.advanceTo(end);
        expect(standing(await harness.alertStories())).toEqual(expected);
        // What was published tells the same story: each alert's last word is what stands.
        await waitUntil('the alert events to be relayed', async () => harness.alertEvents.length >= (await harness.alertStories()).length);
        expect(lastWordOf(harness.alertEvents)).toEqual(expected.map((a) => ({ key: a.key, at: a.at })));
        await harness.dispose();
        harnesses.splice(harnesses.indexOf(harness), 1);
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it('judges a backlog by its events: an acknowledgement waiting behind the opening is no breach', async () => {
    const harness = await harnessAt('sla_backlog', '2026-03-03T08:00:00', { INCIDENT_EVENTS_BATCH: '1' });
    await harness.stop();
    const events = [opened('INC-BL', '2026-03-03T08:00:00'), { type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-BL' } as IncidentEvent];
    const waiting = harness.enqueue(events);
    harness.clock.set(utc('2026-03-03T10:00:00'));
    await harness.start();
    await waiting.handled;
    await harness.wakeTimers();
    const stories = await harness.alertStories();
    expect(stories.filter((row) => row.kind === 'breach' && row.objective.endsWith('response'))).toEqual([]);
    expect(stories.filter((row) => row.withdrawnAt !== null)).toEqual([]);
    // The desk held it two hours: its 15-minute handover objective did breach; nothing was withdrawn.
    expect(harness.alertEvents.filter((e) => e.type !== 'sla.clock.warning').map((e) => `${e.type} ${e.payload.objective}`)).toEqual(['sla.clock.breach p1-handover']);
    expect(standing(stories)).toEqual(expectedOf(expectedAlerts(example.catalog, events, utc('2026-03-03T10:00:00'))));
  }, 60_000);

  it('does not fire timers at start-up while incident events written before it wait to be handled', async () => {
    const harness = await harnessAt('sla_gate', '2026-03-03T08:00:00');
    await harness.publish(opened('INC-G', '2026-03-03T08:00:00'));
    await harness.stop();
    const waiting = harness.enqueue([{ type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-G' }]);
    harness.clock.set(utc('2026-03-03T09:00:00'));
    // The consumer cannot record its first batch while this transaction holds the table.
    const blocker = new Client({ connectionString: harness.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE sla_evaluation.processed_events IN SHARE ROW EXCLUSIVE MODE');
      const service = await harness.start();
      // Passes of the timer loop that began after start-up, all while the acknowledgement waits.
      await harness.wakeTimers();
      await harness.wakeTimers();
      expect(service.app.get(IncidentStreamWatchService).caughtUp()).toBe(false);
      expect((await harness.alertStories()).filter((row) => row.kind === 'breach')).toEqual([]);
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    await waiting.handled;
    await waitUntil('the timer loop to see the consumer caught up', () => harness.service!.app.get(IncidentStreamWatchService).caughtUp());
    await harness.wakeTimers();
    const stories = await harness.alertStories();
    expect(stories.filter((row) => row.kind === 'breach' && row.objective.endsWith('response'))).toEqual([]);
    expect(harness.alertEvents.filter((e) => e.type === 'sla.clock.withdrawn' || (e.type === 'sla.clock.breach' && e.payload.objective.endsWith('response')))).toEqual([]);
  }, 60_000);

  it('withdraws the alerts a late acknowledgement shows never happened, with the reason, and lists them as withdrawn', async () => {
    const harness = await harnessAt('sla_withdraw', '2026-03-03T08:00:00');
    const events = [opened('INC-LATE', '2026-03-03T08:00:00'), { type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-LATE' } as IncidentEvent];
    await harness.publish(events[0]);
    await harness.advanceTo(utc('2026-03-03T08:30:00'));
    const before = await harness.alertStories();
    expect(before.filter((row) => row.kind === 'breach').map(key)).toEqual([
      'INC-LATE ola-service-desk/p1-response breach 1',
      'INC-LATE ola-service-desk/p1-handover breach 1',
      'INC-LATE sla-acme-video/p1-response breach 1',
    ]);

    harness.clock.set(utc('2026-03-03T08:31:00'));
    await harness.publish(events[1]);
    const after = await harness.alertStories();
    expect(standing(after)).toEqual(expectedOf(expectedAlerts(example.catalog, events, utc('2026-03-03T08:31:00'))));
    const withdrawn = after.filter((row) => row.withdrawnAt !== null);
    expect(withdrawn.map(key)).toEqual([
      'INC-LATE ola-service-desk/p1-response warning 0.75',
      'INC-LATE sla-acme-video/p1-response warning 0.5',
      'INC-LATE ola-service-desk/p1-response warning 0.9',
      'INC-LATE ola-service-desk/p1-response breach 1',
      'INC-LATE sla-acme-video/p1-response warning 0.75',
      'INC-LATE sla-acme-video/p1-response warning 0.9',
      'INC-LATE sla-acme-video/p1-response breach 1',
    ]);
    expect(withdrawn.every((row) => row.withdrawnAt === utc('2026-03-03T08:31:00'))).toBe(true);
    expect(withdrawn.find((row) => row.kind === 'breach' && row.agreement === 'sla-acme-video')?.withdrawReason).toBe(
      'acknowledged at 2026-03-03T08:05:00Z arrived after it was sent: the breach of sla-acme-video/p1-response at 2026-03-03T08:15:00Z never happened',
    );
    await waitUntil('the withdrawals to be relayed', () => harness.alertEvents.filter((e) => e.type === 'sla.clock.withdrawn').length === withdrawn.length);

    type Tracked = {
      alerts: Array<{ objective: string; kind: string; status: string; withdrawReason: string | null }>;
      clocks: Array<{ objective: string; agreement: string; warnings: Array<{ threshold: number }> }>;
    };
    const response = await harness.graphql<{ trackedIncidents: { nodes: Tracked[] } }>(
      `{ trackedIncidents(first: 5) { nodes { alerts { objective kind status withdrawReason } clocks { agreement objective warnings { threshold } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const [incident] = response.data!.trackedIncidents.nodes;
    expect(incident.alerts.filter((a) => a.status === 'withdrawn')).toHaveLength(withdrawn.length);
    expect(incident.alerts.find((a) => a.kind === 'breach' && a.status === 'withdrawn')?.withdrawReason).toContain('acknowledged at 2026-03-03T08:05:00Z');
    // The clock lists the warnings that stand: the desk's 50 %, reached the instant it was acknowledged.
    expect(incident.clocks.find((c) => c.agreement === 'ola-service-desk' && c.objective === 'p1-response')?.warnings).toEqual([{ threshold: 0.5 }]);
  }, 60_000);

  it('restates an alert a backfilled pause moved, keeping when it fired', async () => {
    const harness = await harnessAt('sla_restate', '2026-03-03T08:00:00');
    await harness.publish(opened('INC-RS', '2026-03-03T08:00:00'));
    await harness.publish({ type: 'incident.acknowledged', at: utc('2026-03-03T08:02:00'), incident: 'INC-RS' });
    await harness.advanceTo(utc('2026-03-03T10:00:00'));
    await harness.advanceTo(utc('2026-03-03T10:40:00'));
    const half = (rows: AlertStory[]) => rows.find((row) => row.agreement === 'sla-acme-video' && row.objective === 'p1-resolution' && row.threshold === 0.5)!;
    expect(half(await harness.alertStories())).toMatchObject({ at: utc('2026-03-03T10:00:00'), firedAt: utc('2026-03-03T10:00:00'), restatedAt: null });

    harness.clock.set(utc('2026-03-03T10:41:00'));
    await harness.publishAll([
      { type: 'incident.paused', at: utc('2026-03-03T09:00:00'), incident: 'INC-RS', reason: 'awaiting-customer' },
      { type: 'incident.resumed', at: utc('2026-03-03T09:30:00'), incident: 'INC-RS' },
    ]);
    expect(half(await harness.alertStories())).toMatchObject({ at: utc('2026-03-03T10:30:00'), firedAt: utc('2026-03-03T10:00:00'), restatedAt: utc('2026-03-03T10:41:00'), withdrawnAt: null });
    await waitUntil('the restatement to be relayed', () => harness.alertEvents.some((e) => e.type === 'sla.clock.warning' && e.payload.objective === 'p1-resolution' && 'restated' in e.payload));
    const restated = harness.alertEvents.filter((e) => e.type === 'sla.clock.warning' && e.payload.objective === 'p1-resolution' && e.payload.threshold === 0.5);
    expect(restated.map((e) => ({ at: e.payload.at, restated: 'restated' in e.payload && e.payload.restated }))).toEqual([
      { at: '2026-03-03T10:00:00.000Z', restated: false },
      { at: '2026-03-03T10:30:00.000Z', restated: true },
    ]);
  }, 60_000);

  it('records alerts of history loaded days later as historical, and pages for what is recent', async () => {
    const harness = await harnessAt('sla_history', '2026-03-06T12:00:00');
    await harness.publishAll(eventsOf(example, 'INC-1001'));
    await harness.publish(opened('INC-NOW', '2026-03-06T11:00:00'));
    await harness.wakeTimers();
    const stories = await harness.alertStories();
    const old = stories.filter((row) => row.incident === 'INC-1001');
    const recent = stories.filter((row) => row.incident === 'INC-NOW');
    expect(old.length).toBeGreaterThan(5);
    expect(old.every((row) => row.historical)).toBe(true);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.some((row) => row.historical)).toBe(false);
    await waitUntil('the alert events to be relayed', () => harness.alertEvents.length >= stories.length);
    const flags = new Set(harness.alertEvents.map((e) => `${e.payload.incident} ${'historical' in e.payload && e.payload.historical === true}`));
    expect([...flags].sort()).toEqual(['INC-1001 true', 'INC-NOW false']);
  }, 60_000);
});

/** For each alert, the last thing the topic said of it: fired or restated at some instant, or withdrawn. */
function lastWordOf(events: readonly ClockAlertEnvelope[]): Array<{ key: string; at: string }> {
  const last = new Map<string, { key: string; at: string } | undefined>();
  for (const envelope of events) {
    const p = envelope.payload;
    const k = key(p);
    last.set(k, envelope.type === 'sla.clock.withdrawn' ? undefined : { key: k, at: new Date(p.at).toISOString() });
  }
  return [...last.values()].filter((v): v is { key: string; at: string } => v !== undefined).sort((a, b) => a.key.localeCompare(b.key));
}
