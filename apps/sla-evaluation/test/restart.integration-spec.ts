import type { IncidentEvent } from '@underpin/domain';
import { describeOnEachBus, eventsOf, meetingsExample, utc, waitUntil, type MeetingsExample } from '@underpin/testing';
import { expectedAlerts } from './domain-oracle.util';
import { SlaEvaluationHarness } from './sla-evaluation-harness.util';

const alertKey = (a: { incident: string; agreement: string; objective: string; kind: string; threshold: number }) =>
  `${a.incident} ${a.agreement}/${a.objective} ${a.kind} ${a.threshold}`;

describeOnEachBus('sla-evaluation timers across restarts', ({ name: bus }) => {
  let example: MeetingsExample;
  let harness: SlaEvaluationHarness;

  beforeAll(async () => {
    example = meetingsExample();
    harness = await SlaEvaluationHarness.create('sla_restart', utc('2026-03-03T08:00:00'), {}, bus);
    await harness.start();
    await harness.publishCatalog(example.catalog, 'meetings-r1');
  }, 60_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('fires, once and at start-up, what came due while the service was down', async () => {
    const events = eventsOf(example, 'INC-1001');
    const untilBackToNetops = events.filter((event) => event.at <= utc('2026-03-03T11:40:00'));
    for (const event of untilBackToNetops) {
      harness.clock.set(event.at);
      await harness.publish(event);
    }
    await harness.advanceTo(utc('2026-03-03T12:00:00'));
    const beforeStop = (await harness.alerts()).map(alertKey);
    expect(beforeStop).not.toContain('INC-1001 sla-acme-video/p1-resolution breach 1');

    await harness.stop();
    // Down through netops' 90 % (12:11) and breach (12:23), the SLA's 90 % (12:28) and breach (12:52).
    harness.clock.set(utc('2026-03-03T13:00:00'));
    await harness.start();

    const dueWhileDown = expectedAlerts(example.catalog, events, utc('2026-03-31T00:00:00')).filter((a) => a.fireAt > utc('2026-03-03T12:00:00') && a.fireAt <= utc('2026-03-03T13:00:00'));
    expect(dueWhileDown.map(alertKey)).toEqual([
      'INC-1001 ola-netops/p1-restore warning 0.9',
      'INC-1001 ola-netops/p1-restore breach 1',
      'INC-1001 sla-acme-video/p1-resolution warning 0.9',
      'INC-1001 sla-acme-video/p1-resolution breach 1',
    ]);
    // No wake and no event: the first pass of the new instance finds them due.
    await waitUntil('the timers due while down to fire', async () => (await harness.alerts()).length === beforeStop.length + dueWhileDown.length, { timeoutMs: 5_000 });
    const fired = (await harness.alerts()).filter((row) => !beforeStop.includes(alertKey(row)));
    expect(fired.map((row) => ({ key: alertKey(row), at: new Date(row.at).toISOString(), firedAt: new Date(row.firedAt).toISOString() }))).toEqual(
      dueWhileDown.map((a) => ({ key: alertKey(a), at: new Date(a.at).toISOString(), firedAt: '2026-03-03T13:00:00.000Z' })),
    );
  }, 60_000);

  it('publishes each alert exactly once, through later events and further restarts', async () => {
    const rest = eventsOf(example, 'INC-1001').filter((event) => event.at > utc('2026-03-03T11:40:00'));
    for (const event of rest) {
      harness.clock.set(event.at);
      await harness.publish(event);
    }
    await harness.stop();
    harness.clock.set(utc('2026-03-04T00:00:00'));
    await harness.start();
    await harness.advanceTo(utc('2026-03-05T00:00:00'));

    const expected = expectedAlerts(example.catalog, eventsOf(example, 'INC-1001'), utc('2026-03-31T00:00:00'));
    expect((await harness.alerts()).map(alertKey).sort()).toEqual(expected.map(alertKey).sort());
    await waitUntil('every alert event to be relayed', () => harness.alertEvents.length >= expected.length);
    const published = harness.alertEvents.map((e) => alertKey({ ...e.payload, incident: e.payload.incident }));
    expect(published.sort()).toEqual(expected.map(alertKey).sort());
  }, 60_000);
});

describeOnEachBus('sla-evaluation with two replicas on one database', ({ name: bus }) => {
  let example: MeetingsExample;
  let first: SlaEvaluationHarness;

  beforeAll(async () => {
    example = meetingsExample();
    first = await SlaEvaluationHarness.create('sla_replicas', utc('2026-03-03T08:00:00'), {}, bus);
    await first.start();
    await first.publishCatalog(example.catalog, 'meetings-r1');
  }, 60_000);

  afterAll(async () => {
    await first?.dispose();
  });

  it('fires each alert once when both claim the same due timers', async () => {
    const second = await first.startReplica();
    try {
      const opened = (n: number): IncidentEvent => ({
        type: 'incident.opened',
        at: utc('2026-03-03T08:00:00'),
        incident: `INC-R${n}`,
        service: 'video-meetings',
        customer: n % 2 === 0 ? 'acme' : 'nordbank',
        impact: 'high',
        urgency: 'high',
        assignee: 'service-desk',
      });
      const events = Array.from({ length: 60 }, (_, n) => opened(n));
      for (const event of events) await first.publish(event);
      const end = utc('2026-03-03T20:00:00');
      first.clock.set(end);
      // Both loops wake at once and race for the same due timers, pass after pass.
      for (let pass = 0; pass < 5; pass++) await Promise.all([first.wakeTimers(), first.wakeTimers(second)]);

      const expected = expectedAlerts(example.catalog, events, end);
      expect(expected.length).toBeGreaterThan(events.length * 4);
      const rows = await first.alerts();
      expect(rows.map(alertKey).sort()).toEqual(expected.map(alertKey).sort());
      await waitUntil('every alert event to be relayed', () => first.alertEvents.length >= expected.length);
      const published = first.alertEvents.map((e) => alertKey(e.payload));
      expect(new Set(published).size).toBe(published.length);
      expect(published.sort()).toEqual(expected.map(alertKey).sort());
    } finally {
      await second.close();
    }
  }, 60_000);
});
