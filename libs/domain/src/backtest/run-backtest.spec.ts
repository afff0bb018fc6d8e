import { meetingsExample } from '@underpin/testing';
import type { Catalog } from '../catalog/catalog.model';
import type { IncidentEvent, TimelineEvent } from '../catalog/events.model';
import { BacktestInputException } from './backtest-input.exception';
import { runBacktest } from './run-backtest.util';

const MINUTE = 60_000;
const MEETINGS_INCIDENT_EVENTS = meetingsExample().events;
const utc = (text: string) => Date.parse(text);

/** The example's catalogue: fees, credits, exit triggers and call quality besides the clocks. */
function catalog(): Catalog {
  return meetingsExample().catalog;
}

/** Probes every minute of March 2026 in two regions, down in the given stretches. */
function* marchProbes(outages: Record<string, Array<[string, string]>>): Generator<TimelineEvent> {
  for (let at = utc('2026-03-01T00:00:00Z'); at < utc('2026-04-01T00:00:00Z'); at += MINUTE) {
    for (const region of ['eu-north', 'eu-west']) {
      const down = (outages[region] ?? []).some(([from, to]) => at >= utc(from) && at < utc(to));
      yield { type: 'probe', at, service: 'video-meetings', region, ok: !down };
    }
  }
}

/** A second ACME P1 in the quarter: 5 h open, no pause, due after 4 h. */
const SECOND_P1: IncidentEvent[] = [
  { type: 'incident.opened', at: utc('2026-03-20T08:00:00Z'), incident: 'INC-2001', service: 'video-meetings', customer: 'acme', region: 'eu-west', impact: 'high', urgency: 'high', assignee: 'service-desk' },
  { type: 'incident.acknowledged', at: utc('2026-03-20T08:05:00Z'), incident: 'INC-2001' },
  { type: 'incident.resolved', at: utc('2026-03-20T13:00:00Z'), incident: 'INC-2001' },
];

function callSamples(): TimelineEvent[] {
  return Array.from({ length: 200 }, (_, i) => ({
    type: 'call.quality' as const,
    at: utc('2026-03-10T09:00:00Z') + i * 10_000,
    service: 'video-meetings',
    region: 'eu-north',
    call: `c-${Math.floor(i / 20)}`,
    latencyMs: i + 1,
    lossPercent: (i + 1) % 100 === 0 ? 5 : 0.1,
    intervalSeconds: 10,
  }));
}

function allEvents(): TimelineEvent[] {
  const probes = [...marchProbes({ 'eu-north': [['2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z']], 'eu-west': [['2026-03-10T00:00:00Z', '2026-03-10T10:00:00Z']] })];
  return [...MEETINGS_INCIDENT_EVENTS, ...SECOND_P1, ...callSamples(), ...probes].sort((a, b) => a.at - b.at);
}

describe(runBacktest.name, () => {
  let result: Awaited<ReturnType<typeof runBacktest>>;
  beforeAll(async () => {
    result = await runBacktest({ catalog: catalog(), events: allEvents() });
  });

  it("measures INC-1001's resolution as the example's README works it out", () => {
    const entry = result.incidents.find((row) => row.incident === 'INC-1001' && row.objective === 'p1-resolution');
    expect(entry).toEqual({
      incident: 'INC-1001',
      agreement: 'sla-acme-video',
      objective: 'p1-resolution',
      priority: 'P1',
      elapsedSeconds: 4 * 3600 + 13 * 60,
      targetSeconds: 4 * 3600,
      dueAt: '2026-03-03T12:52:00Z',
      breached: true,
      segments: [
        { party: 'service-desk', agreement: 'ola-service-desk', objective: 'p1-handover', elapsedSeconds: 19 * 60, targetSeconds: 15 * 60, breached: true },
        { party: 'netops', agreement: 'ola-netops', objective: 'p1-restore', elapsedSeconds: (2 * 60 + 42) * 60, targetSeconds: 2 * 3600, breached: true },
        { party: 'meetcloud', agreement: 'uc-meetcloud', objective: 'p1-restore', elapsedSeconds: 72 * 60, targetSeconds: 90 * 60, breached: false },
      ],
    });
  });

  it('lists one entry per incident and applicable SLA time objective', () => {
    const keys = result.incidents.map((row) => `${row.incident} ${row.agreement}/${row.objective}`);
    expect(keys).toEqual([
      'INC-1001 sla-acme-video/p1-response',
      'INC-1001 sla-acme-video/p1-resolution',
      'INC-1002 sla-acme-video/p2-response',
      'INC-1002 sla-acme-video/p2-resolution',
      'INC-1003 sla-nordbank-video/p1-response',
      'INC-1003 sla-nordbank-video/p1-resolution',
      'INC-2001 sla-acme-video/p1-response',
      'INC-2001 sla-acme-video/p1-resolution',
    ]);
    const response = result.incidents[0];
    expect([response.elapsedSeconds, response.breached]).toEqual([7 * 60, false]);
  });

  it('measures availability per region and window, leaving excluded maintenance out', () => {
    const acme = result.periods.filter((row) => row.agreement === 'sla-acme-video' && row.objective === 'availability');
    // Q1 2026 is 90 days; 13 Thursday evenings of 4 h are maintenance; the first probe is in
    // March, and the time before it counts as up.
    const measured = 90 * 86_400 - 13 * 4 * 3600;
    expect(acme).toEqual([
      { agreement: 'sla-acme-video', objective: 'availability', region: 'eu-north', period: '2026-Q1', value: expect.closeTo(100 * (1 - 1800 / measured), 8), target: 99.95, met: true },
      { agreement: 'sla-acme-video', objective: 'availability', region: 'eu-west', period: '2026-Q1', value: expect.closeTo(100 * (1 - 36_000 / measured), 8), target: 99.95, met: false },
    ]);
    // Nordbank counts office-dk hours only: 18 days of 8 h and 4 Fridays of 7 h in March; the
    // eu-west outage (00:00–10:00 UTC) overlaps its Tuesday from 08:00 to 11:00 local.
    const nordbank = result.periods.filter((row) => row.agreement === 'sla-nordbank-video');
    const open = (18 * 8 + 4 * 7) * 3600;
    expect(nordbank.map((row) => [row.region, row.period, row.met])).toEqual([
      ['eu-north', '2026-03', true],
      ['eu-west', '2026-03', false],
    ]);
    expect(nordbank[1].value).toBeCloseTo(100 * (1 - 3 * 3600 / open), 8);
  });

  it('measures latency percentiles and lossy intervals from call samples', () => {
    const quality = result.periods.filter((row) => row.objective === 'latency' || row.objective === 'packet-loss');
    expect(quality).toEqual([
      { agreement: 'sla-acme-video', objective: 'latency', region: 'eu-north', period: '2026-Q1', value: 190, target: 250, met: true },
      { agreement: 'sla-acme-video', objective: 'packet-loss', region: 'eu-north', period: '2026-03', value: 1, target: 0.5, met: false },
    ]);
  });

  it('puts every credit earned in March and Q1 on the April invoice, under the cap', () => {
    const acme = result.credits.filter((credit) => credit.agreement === 'sla-acme-video');
    expect(acme).toHaveLength(1);
    // INC-1001 and INC-2001: one started hour each, 5 % of 120 000; eu-west availability
    // below 99.9 % (10 %) for 15 % of the users; packet loss (2 %) for the 80 % in eu-north.
    expect(acme[0]).toMatchObject({ invoicePeriod: '2026-04', currency: 'SEK', amount: 6000 + 6000 + 1800 + 1920 });
    const nordbank = result.credits.filter((credit) => credit.agreement === 'sla-nordbank-video');
    expect(nordbank.map((credit) => [credit.period, credit.invoicePeriod, credit.amount])).toEqual([['2026-03', '2026-04', 4000]]);
  });

  it('fires an exit trigger when the second P1 of the quarter passes its due time', () => {
    expect(result.exitTriggers.map(({ agreement, trigger, firedAt }) => ({ agreement, trigger, firedAt }))).toEqual([
      { agreement: 'sla-acme-video', trigger: 'p1-beyond-rto', firedAt: '2026-03-20T12:00:00Z' },
    ]);
  });

  it('adds the feasibility findings of the catalogue', () => {
    expect(result.feasibility.map((finding) => `${finding.agreement}/${finding.objective} ${finding.kind}`)).toContain(
      'sla-nordbank-video/p1-resolution calendar-gap',
    );
  });

  it('reads an async stream as it reads an array', async () => {
    async function* stream() {
      for (const event of allEvents()) yield event;
    }
    const streamed = await runBacktest({ catalog: catalog(), events: stream() });
    expect(streamed).toEqual(result);
  });

  it('leaves out incidents opened before --from and samples after --to', async () => {
    const ranged = await runBacktest({
      catalog: catalog(),
      events: allEvents(),
      from: utc('2026-03-04T00:00:00Z'),
      to: utc('2026-03-15T00:00:00Z'),
    });
    expect([...new Set(ranged.incidents.map((row) => row.incident))]).toEqual(['INC-1002', 'INC-1003']);
    const eastWest = ranged.periods.find((row) => row.agreement === 'sla-acme-video' && row.region === 'eu-west');
    // Only 11 days are measured, 2 Thursday evenings of them maintenance.
    expect(eastWest?.value).toBeCloseTo(100 * (1 - 36_000 / (11 * 86_400 - 2 * 4 * 3600)), 8);
  });

  it('reports every event that breaks the rules, by position, after reading the stream', async () => {
    const events: TimelineEvent[] = [
      ...MEETINGS_INCIDENT_EVENTS.slice(0, 8),
      { type: 'incident.resumed', at: utc('2026-03-03T15:00:00Z'), incident: 'INC-1001' },
      { type: 'probe', at: utc('2026-03-03T15:00:00Z'), service: 'video-meetings', region: 'eu-north', ok: true },
      { type: 'probe', at: utc('2026-03-03T14:00:00Z'), service: 'video-meetings', region: 'eu-north', ok: true },
    ];
    const error = await runBacktest({ catalog: catalog(), events }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BacktestInputException);
    expect((error as BacktestInputException).problems).toEqual([
      { index: 8, path: '', message: 'incident.resumed of INC-1001: cannot be resumed, it is resolved' },
      { index: 10, path: 'at', message: expect.stringContaining('earlier than the one before it') },
    ]);
  });
});
