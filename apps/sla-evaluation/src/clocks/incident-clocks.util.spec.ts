import { evaluateClock, findObjective, incidentAlerts, type Catalog } from '@underpin/domain';
import { asIncident, eventsOf, meetingsExample, timelineOf, utc, type MeetingsExample } from '@underpin/testing';
import { compileCatalog, type CompiledCatalog } from '../catalog/compiled-catalog.util';
import { crossedAfter, evaluateIncidentClocks, evaluationInstant, type IncidentClock } from './incident-clocks.util';

const minutes = (n: number) => n * 60;

function clockOf(clocks: IncidentClock[], ref: string): IncidentClock {
  const found = clocks.find((clock) => `${clock.agreement}/${clock.objective}` === ref);
  if (!found) throw new Error(`no clock ${ref} among ${clocks.map((c) => `${c.agreement}/${c.objective}`).join(', ')}`);
  return found;
}

/** The catalogue with one objective's pauseOn replaced, as another contract would word it. */
function withPauseOn(catalog: Catalog, ref: string, pauseOn: string[]): Catalog {
  const [agreementId, objectiveId] = ref.split('/');
  return {
    ...catalog,
    agreements: catalog.agreements.map((agreement) =>
      agreement.id !== agreementId
        ? agreement
        : { ...agreement, objectives: agreement.objectives.map((objective) => (objective.id === objectiveId ? { ...objective, pauseOn } : objective)) },
    ),
  };
}

describe('evaluateIncidentClocks', () => {
  let example: MeetingsExample;
  let compiled: CompiledCatalog;

  beforeAll(async () => {
    example = meetingsExample();
    compiled = compileCatalog({ revision: 'meetings', catalog: example.catalog });
  });

  describe('INC-1001 (ACME P1, service desk → netops → MeetCloud → netops, customer pause)', () => {
    it('gives one clock per applicable SLA, OLA and UC objective, with kind and party', () => {
      const clocks = evaluateIncidentClocks(compiled, timelineOf(eventsOf(example, 'INC-1001')), utc('2026-03-31T00:00:00'));
      expect(clocks.map((c) => `${c.kind} ${c.party} ${c.agreement}/${c.objective} ${c.role}`)).toEqual([
        'SLA it sla-acme-video/p1-response sla',
        'SLA it sla-acme-video/p1-resolution sla',
        'OLA service-desk ola-service-desk/p1-response underpinning',
        'OLA service-desk ola-service-desk/p1-handover underpinning',
        'OLA netops ola-netops/p1-restore underpinning',
        'UC meetcloud uc-meetcloud/p1-restore underpinning',
      ]);
      expect(clocks.every((c) => c.priority === 'P1' && c.incident === 'INC-1001')).toBe(true);
    });

    it('equals the domain clock of each objective on its own calendar', () => {
      const timeline = timelineOf(eventsOf(example, 'INC-1001'));
      const now = utc('2026-03-03T11:00:00');
      for (const clock of evaluateIncidentClocks(compiled, timeline, now)) {
        const { agreement, objective } = findObjective(example.catalog, { agreement: clock.agreement, objective: clock.objective })!;
        const expected = evaluateClock({ objective, party: agreement.provider, calendar: compiled.calendarOf(objective.calendar), timeline, now });
        expect({ ref: `${clock.agreement}/${clock.objective}`, result: clock.result }).toEqual({ ref: `${clock.agreement}/${clock.objective}`, result: expected });
      }
    });

    it('shows, after a horizon, the first threshold crossed since: the one still to fire', () => {
      const clocks = evaluateIncidentClocks(compiled, timelineOf(eventsOf(example, 'INC-1001')), utc('2026-03-03T12:40:00'));
      const resolution = clockOf(clocks, 'sla-acme-video/p1-resolution');
      expect(crossedAfter(resolution, utc('2026-03-03T11:00:00'))).toEqual({ kind: 'warning', threshold: 0.75, at: utc('2026-03-03T11:52:00') });
      expect(crossedAfter(resolution, utc('2026-03-03T12:30:00'))).toBeUndefined();
      const breached = clockOf(evaluateIncidentClocks(compiled, timelineOf(eventsOf(example, 'INC-1001')), utc('2026-03-03T13:00:00')), 'sla-acme-video/p1-resolution');
      expect(crossedAfter(breached, utc('2026-03-03T12:40:00'))).toEqual({ kind: 'breach', threshold: 1, at: utc('2026-03-03T12:52:00') + 1 });
    });

    it('lives through the warnings and the breach the domain says happened', () => {
      const alerts = incidentAlerts(timelineOf(eventsOf(example, 'INC-1001')), [compiled], utc('2026-03-31T00:00:00'));
      const resolution = alerts.filter((a) => a.objective === 'p1-resolution');
      expect(resolution.map((c) => [c.kind, c.threshold, new Date(c.at).toISOString(), new Date(c.dueAt).toISOString()])).toEqual([
        // Due at 12:12 as it stood at 10:12; the customer's 40-minute pause moved it to 12:52.
        ['warning', 0.5, '2026-03-03T10:12:00.000Z', '2026-03-03T12:12:00.000Z'],
        ['warning', 0.75, '2026-03-03T11:52:00.000Z', '2026-03-03T12:52:00.000Z'],
        ['warning', 0.9, '2026-03-03T12:28:00.000Z', '2026-03-03T12:52:00.000Z'],
        ['breach', 1, '2026-03-03T12:52:00.000Z', '2026-03-03T12:52:00.000Z'],
      ]);
    });

    it('schedules the next deadline of a running clock and none for a paused one', () => {
      const timeline = timelineOf(eventsOf(example, 'INC-1001'));
      const running = clockOf(evaluateIncidentClocks(compiled, timeline, utc('2026-03-03T12:30:00')), 'sla-acme-video/p1-resolution');
      // The breach is the first millisecond past the target.
      expect(running.next).toEqual({ kind: 'breach', threshold: 1, at: utc('2026-03-03T12:52:00') + 1 });
      const paused = clockOf(evaluateIncidentClocks(compiled, timeline, utc('2026-03-03T11:00:00')), 'sla-acme-video/p1-resolution');
      expect(paused.result.state).toBe('paused');
      expect(paused.next).toBeUndefined();
      expect(paused.result.warnings.map((c) => c.threshold)).toEqual([0.5]);
    });

    it('fires nothing for a clock that stopped inside its target', () => {
      const clocks = evaluateIncidentClocks(compiled, timelineOf(eventsOf(example, 'INC-1001')), utc('2026-03-31T00:00:00'));
      const response = clockOf(clocks, 'sla-acme-video/p1-response');
      expect(response.result).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(7), breached: false });
      // 7 of 15 minutes: short of the first warning (7 min 30 s) too.
      expect(response.result.warnings).toEqual([]);
      expect(response.next).toBeUndefined();
    });
  });

  describe('an awaiting-vendor pause, layer by layer (INC-1003)', () => {
    const duringPause = utc('2026-03-08T12:00:00');

    it("stops Nordbank's SLA, whose pauseOn lists it, and not the same timeline under ACME's terms", () => {
      const nordbank = evaluateIncidentClocks(compiled, timelineOf(eventsOf(example, 'INC-1003')), duringPause);
      expect(clockOf(nordbank, 'sla-nordbank-video/p1-resolution').result).toMatchObject({ state: 'paused', elapsedSeconds: minutes(175), breached: false });
      const acme = evaluateIncidentClocks(compiled, timelineOf(asIncident(eventsOf(example, 'INC-1003'), 'INC-1003-ACME', 'acme')), duringPause);
      expect(clockOf(acme, 'sla-acme-video/p1-resolution').result).toMatchObject({ state: 'running', breached: true, breachedAt: utc('2026-03-08T01:05:00') });
    });

    it("keeps the waiting team's OLA running unless its own pauseOn lists the reason", () => {
      const timeline = timelineOf(eventsOf(example, 'INC-1003'));
      const asWritten = evaluateIncidentClocks(compiled, timeline, duringPause);
      expect(clockOf(asWritten, 'ola-netops/p1-restore-office').result.state).toBe('running');
      const waitingStops = compileCatalog({ revision: 'ola-pauses', catalog: withPauseOn(example.catalog, 'ola-netops/p1-restore-office', ['awaiting-customer', 'awaiting-vendor']) });
      const clock = clockOf(evaluateIncidentClocks(waitingStops, timeline, duringPause), 'ola-netops/p1-restore-office');
      expect(clock.result.state).toBe('paused');
      expect(clock.next).toBeUndefined();
    });

    it("keeps the vendor's UC running while the vendor holds the incident and it waits on the vendor", () => {
      const events = asIncident(eventsOf(example, 'INC-1001'), 'INC-VENDOR-WAIT').map((event) =>
        event.type === 'incident.paused' ? { ...event, reason: 'awaiting-vendor' } : event,
      );
      const timeline = timelineOf(events);
      const during = utc('2026-03-03T10:50:00');
      const clocks = evaluateIncidentClocks(compiled, timeline, during);
      expect(clockOf(clocks, 'uc-meetcloud/p1-restore').result).toMatchObject({ state: 'running', elapsedSeconds: minutes(62) });
      // ACME's SLA pauses only for the customer: the vendor wait counts against it.
      expect(clockOf(clocks, 'sla-acme-video/p1-resolution').result).toMatchObject({ state: 'running', elapsedSeconds: minutes(158) });
    });
  });

  it('evaluates no earlier than the latest event, so an event stamped ahead of the clock counts', () => {
    const timeline = timelineOf(eventsOf(example, 'INC-1001'));
    expect(evaluationInstant(timeline, utc('2026-03-03T09:00:00'))).toBe(utc('2026-03-03T13:05:00'));
    expect(evaluationInstant(timeline, utc('2026-03-04T00:00:00'))).toBe(utc('2026-03-04T00:00:00'));
  });

  it('has no clocks before the incident is opened', () => {
    expect(evaluateIncidentClocks(compiled, timelineOf([]), utc('2026-03-04T00:00:00'))).toEqual([]);
  });
});
