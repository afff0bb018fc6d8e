import type { IncidentEvent } from '@underpin/domain';
import { asIncident, describeOnEachBus, eventsOf, meetingsExample, utc, waitUntil, type MeetingsExample } from '@underpin/testing';
import { asRows, liveThrough, type SteppedScenario } from './clock-stepper.util';
import { SlaEvaluationHarness } from './sla-evaluation-harness.util';

const withoutDue = <T extends { dueAt: number }>({ dueAt: _dueAt, ...rest }: T) => rest;

const CLOCKS = `query { trackedIncidents(first: 10) { nodes { id clocks {
  agreement objective metric kind party priority state elapsedSeconds remainingSeconds targetSeconds dueAt breached breachedAt
  warnings { threshold at firedAt } nextAlert { kind threshold at } } } } }`;

type Tracked = { trackedIncidents: { nodes: Array<{ id: string; clocks: ClockView[] }> } };

interface ClockView {
  agreement: string;
  objective: string;
  kind: string;
  party: string;
  state: string;
  elapsedSeconds: number;
  remainingSeconds: number;
  targetSeconds: number;
  dueAt: string | null;
  breached: boolean;
  breachedAt: string | null;
  warnings: Array<{ threshold: number; at: string; firedAt: string }>;
  nextAlert: { kind: string; threshold: number; at: string } | null;
}

describeOnEachBus('sla-evaluation live clocks', ({ name: bus }) => {
  let example: MeetingsExample;

  beforeAll(async () => {
    example = meetingsExample();
  });

  describe('INC-1001: P1 handed over service desk → netops → MeetCloud → netops, with a customer pause', () => {
    let harness: SlaEvaluationHarness;
    let scenario: SteppedScenario;

    beforeAll(async () => {
      harness = await SlaEvaluationHarness.create('sla_live_1001', utc('2026-03-03T08:00:00'), {}, bus);
      await harness.start();
      await harness.publishCatalog(example.catalog, 'meetings-r1');
    }, 60_000);

    afterAll(async () => {
      await harness?.dispose();
    });

    it('fires every warning and breach at the instant the domain computes, never a millisecond early', async () => {
      scenario = await liveThrough(harness, example.catalog, eventsOf(example, 'INC-1001'));
      const resolution = scenario.expected.filter((a) => a.objective === 'p1-resolution').map((a) => [a.kind, a.threshold, new Date(a.at).toISOString()]);
      expect(resolution).toEqual([
        ['warning', 0.5, '2026-03-03T10:12:00.000Z'],
        ['warning', 0.75, '2026-03-03T11:52:00.000Z'],
        ['warning', 0.9, '2026-03-03T12:28:00.000Z'],
        ['breach', 1, '2026-03-03T12:52:00.000Z'],
      ]);
      expect(scenario.expected.filter((a) => a.kind === 'breach').map((a) => `${a.agreement}/${a.objective} ${new Date(a.at).toISOString()}`)).toEqual([
        'ola-service-desk/p1-handover 2026-03-03T08:27:00.000Z',
        'ola-netops/p1-restore 2026-03-03T12:23:00.000Z',
        'sla-acme-video/p1-resolution 2026-03-03T12:52:00.000Z',
      ]);
      expect((await harness.alerts()).map(withoutDue)).toEqual(asRows(scenario.expected));
    }, 120_000);

    it('publishes one sla.clock event per alert, with the domain instants', async () => {
      await waitUntil('the alert events to be relayed', () => harness.alertEvents.length >= scenario.expected.length);
      const published = harness.alertEvents.map((e) => `${e.type} ${e.payload.agreement}/${e.payload.objective} ${e.payload.threshold} ${e.payload.at}`).sort();
      expect(published).toEqual(scenario.expected.map((a) => `sla.clock.${a.kind} ${a.agreement}/${a.objective} ${a.threshold} ${new Date(a.at).toISOString()}`).sort());
      const breach = harness.alertEvents.find((e) => e.type === 'sla.clock.breach' && e.payload.objective === 'p1-resolution');
      expect(breach).toMatchObject({ key: 'INC-1001', occurredAt: '2026-03-03T12:52:00.000Z', payload: { dueAt: '2026-03-03T12:52:00.000Z', kind: 'breach', threshold: 1 } });
    });

    it('answers Incident.clocks with one clock per objective, as the domain evaluates them, and the warnings fired', async () => {
      const res = await harness.graphql<Tracked>(CLOCKS);
      expect(res.errors).toBeUndefined();
      const clocks = res.data!.trackedIncidents.nodes.find((incident) => incident.id === 'INC-1001')!.clocks;
      expect(clocks.map((c) => `${c.kind} ${c.party} ${c.agreement}/${c.objective} ${c.state}`)).toEqual([
        'SLA it sla-acme-video/p1-response stopped',
        'SLA it sla-acme-video/p1-resolution stopped',
        'OLA service-desk ola-service-desk/p1-response stopped',
        'OLA service-desk ola-service-desk/p1-handover stopped',
        'OLA netops ola-netops/p1-restore stopped',
        'UC meetcloud uc-meetcloud/p1-restore stopped',
      ]);
      const resolution = clocks.find((c) => c.objective === 'p1-resolution')!;
      expect(resolution).toMatchObject({
        elapsedSeconds: (4 * 60 + 13) * 60,
        targetSeconds: 4 * 3600,
        remainingSeconds: 0,
        dueAt: '2026-03-03T12:52:00.000Z',
        breached: true,
        breachedAt: '2026-03-03T12:52:00.000Z',
        nextAlert: null,
      });
      expect(resolution.warnings).toEqual([
        { threshold: 0.5, at: '2026-03-03T10:12:00.000Z', firedAt: '2026-03-03T10:12:00.000Z' },
        { threshold: 0.75, at: '2026-03-03T11:52:00.000Z', firedAt: '2026-03-03T11:52:00.000Z' },
        { threshold: 0.9, at: '2026-03-03T12:28:00.000Z', firedAt: '2026-03-03T12:28:00.000Z' },
      ]);
      expect(clocks.find((c) => c.agreement === 'uc-meetcloud')).toMatchObject({ elapsedSeconds: 72 * 60, breached: false, dueAt: '2026-03-03T11:58:00.000Z' });
    });

    it('keeps the clock rows and timers in step: a resolved incident has stopped clocks and their timers disarmed', async () => {
      const rows = await harness.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM sla_evaluation.clocks WHERE incident = 'INC-1001' GROUP BY state`);
      expect(rows).toEqual([{ state: 'stopped', n: 6 }]);
      const timers = await harness.query<{ armed: boolean; n: number }>(`SELECT fire_at IS NOT NULL AS armed, count(*)::int AS n FROM sla_evaluation.timers WHERE incident = 'INC-1001' GROUP BY 1`);
      expect(timers).toEqual([{ armed: false, n: 6 }]);
    });

    it('changes nothing when every event is delivered again', async () => {
      const before = await harness.alerts();
      const eventsBefore = harness.alertEvents.length;
      await harness.redeliver(scenario.envelopes);
      await harness.advanceTo(utc('2026-03-03T14:00:00'));
      expect(await harness.alerts()).toEqual(before);
      expect(await harness.query(`SELECT * FROM sla_evaluation.outbox`)).toEqual([]);
      expect(harness.alertEvents).toHaveLength(eventsBefore);
      const [{ events_applied }] = await harness.query<{ events_applied: number }>(`SELECT events_applied FROM sla_evaluation.tracked_incidents WHERE id = 'INC-1001'`);
      expect(events_applied).toBe(eventsOf(example, 'INC-1001').length);
    });
  });

  describe('INC-1003: an awaiting-vendor pause under Nordbank terms and under ACME terms', () => {
    let harness: SlaEvaluationHarness;

    beforeAll(async () => {
      harness = await SlaEvaluationHarness.create('sla_live_1003', utc('2026-03-07T21:00:00'), {}, bus);
      await harness.start();
      await harness.publishCatalog(example.catalog, 'meetings-r1');
    }, 60_000);

    afterAll(async () => {
      await harness?.dispose();
    });

    it("stops Nordbank's SLA for the vendor while ACME's keeps running and breaches, each alert at its instant", async () => {
      const nordbank = eventsOf(example, 'INC-1003');
      const acme = asIncident(nordbank, 'INC-1003-ACME', 'acme');
      const merged = [...nordbank, ...acme].sort((a, b) => a.at - b.at);
      const timersDuringPause: Array<{ incident: string; objective: string; kind: string }> = [];
      const scenario = await liveThrough(harness, example.catalog, merged, async (event: IncidentEvent) => {
        if (event.type !== 'incident.paused' || event.incident !== 'INC-1003-ACME') return;
        timersDuringPause.push(...(await harness.query<{ incident: string; objective: string; kind: string }>(`SELECT incident, objective, kind FROM sla_evaluation.timers WHERE objective = 'p1-resolution' AND fire_at IS NOT NULL ORDER BY incident`)));
      });
      // Paused for the vendor, Nordbank's resolution clock has nothing to fire; ACME's runs on.
      expect(timersDuringPause).toEqual([{ incident: 'INC-1003-ACME', objective: 'p1-resolution', kind: 'warning' }]);
      const breaches = scenario.expected.filter((a) => a.kind === 'breach').map((a) => `${a.incident} ${a.agreement}/${a.objective} ${new Date(a.at).toISOString()}`);
      expect(breaches).toContain('INC-1003-ACME sla-acme-video/p1-resolution 2026-03-08T01:05:00.000Z');
      expect(breaches.filter((b) => b.startsWith('INC-1003 sla-nordbank-video'))).toEqual([]);
      expect(scenario.expected.filter((a) => a.agreement === 'sla-nordbank-video' && a.objective === 'p1-resolution').map((a) => new Date(a.at).toISOString())).toEqual([
        '2026-03-09T08:20:00.000Z',
      ]);
      expect((await harness.alerts()).map(withoutDue)).toEqual(asRows(scenario.expected));

      const res = await harness.graphql<Tracked>(CLOCKS);
      const resolutionOf = (id: string) => res.data!.trackedIncidents.nodes.find((i) => i.id === id)!.clocks.find((c) => c.objective === 'p1-resolution')!;
      expect(resolutionOf('INC-1003')).toMatchObject({ elapsedSeconds: 300 * 60, breached: false, dueAt: '2026-03-09T12:20:00.000Z' });
      expect(resolutionOf('INC-1003-ACME')).toMatchObject({ elapsedSeconds: 2175 * 60, breached: true, dueAt: '2026-03-08T01:05:00.000Z' });
    }, 120_000);

    it('pages trackedIncidents latest event first, each incident once, and names a forged `after`', async () => {
      const PAGE = `query ($after: String) { trackedIncidents(first: 1, after: $after) { nodes { id slaTracking { lastEventAt } } pageInfo { endCursor hasNextPage } } }`;
      type Page = { trackedIncidents: { nodes: Array<{ id: string; slaTracking: { lastEventAt: string } }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
      const walked: Array<{ id: string; slaTracking: { lastEventAt: string } }> = [];
      let after: string | null = null;
      for (let pages = 0; pages < 5; pages++) {
        const page: Page = (await harness.graphql<Page>(PAGE, { after })).data!;
        walked.push(...page.trackedIncidents.nodes);
        if (!page.trackedIncidents.pageInfo.hasNextPage) break;
        after = page.trackedIncidents.pageInfo.endCursor;
      }
      expect(walked.map((incident) => incident.id).sort()).toEqual(['INC-1003', 'INC-1003-ACME']);
      const instants = walked.map((incident) => incident.slaTracking.lastEventAt);
      expect(instants).toEqual([...instants].sort().reverse());

      const forged = await harness.graphql(PAGE, { after: Buffer.from('["trackedIncidents","2026-03-09","INC-1003"]').toString('base64url') });
      expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
    });
  });
});
