import type { IncidentEvent } from '@underpin/domain';
import { domainClocks } from './domain-oracle.util';
import { SlaEvaluationHarness } from './sla-evaluation-harness.util';
import { describeOnEachBus, meetingsExample, utc, type MeetingsExample } from '@underpin/testing';

describeOnEachBus('sla-evaluation on a reprioritized incident', ({ name: bus }) => {
  let example: MeetingsExample;
  let harness: SlaEvaluationHarness;
  const events: IncidentEvent[] = [
    { type: 'incident.opened', at: utc('2026-03-03T08:00:00'), incident: 'INC-P', service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'high', assignee: 'service-desk' },
    { type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-P' },
    { type: 'incident.reprioritized', at: utc('2026-03-03T08:30:00'), incident: 'INC-P', impact: 'high', urgency: 'medium' },
  ];

  beforeAll(async () => {
    example = meetingsExample();
    harness = await SlaEvaluationHarness.create('sla_reprioritized', utc('2026-03-03T08:00:00'), {}, bus);
    await harness.start();
    await harness.publishCatalog(example.catalog, 'meetings-r1');
  }, 60_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it("replaces the P1 clocks and timers by the P2 ones, counted from the opening", async () => {
    for (const event of events.slice(0, 2)) {
      harness.clock.set(event.at);
      await harness.publish(event);
    }
    const before = await harness.query<{ objective: string }>(`SELECT objective FROM sla_evaluation.clocks ORDER BY agreement, objective`);
    expect(before.map((row) => row.objective)).toEqual(['p1-handover', 'p1-response', 'p1-resolution', 'p1-response']);

    harness.clock.set(events[2].at);
    await harness.publish(events[2]);

    const clocks = await harness.query<{ agreement: string; objective: string; priority: string; elapsed_seconds: number; due_at: Date }>(
      `SELECT agreement, objective, priority, elapsed_seconds, due_at FROM sla_evaluation.clocks ORDER BY agreement, objective`,
    );
    const domain = domainClocks(example.catalog, events, events[2].at);
    expect(clocks.map((c) => `${c.agreement}/${c.objective}`)).toEqual([...domain.keys()].map((key) => key.split(' ')[1]).sort());
    expect(clocks.map((c) => c.objective)).toEqual(['p2-handover', 'p2-resolution', 'p2-response']);
    const resolution = clocks.find((c) => c.objective === 'p2-resolution')!;
    expect(resolution).toMatchObject({ priority: 'P2', elapsed_seconds: 30 * 60, due_at: new Date('2026-03-03T16:00:00Z') });
    const timers = await harness.query<{ objective: string }>(`SELECT objective FROM sla_evaluation.timers ORDER BY objective`);
    expect(timers.map((t) => t.objective)).toEqual(['p2-handover', 'p2-resolution', 'p2-response']);
  });
});
