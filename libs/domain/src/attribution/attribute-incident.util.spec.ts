import { eventsOf, meetingsExample, ref, timelineOf as timelineOfEvents, utc, winterTimeCalendarsOf } from '@underpin/testing';
import type { CalendarResolver } from '../clock/clock.model';
import type { IncidentTimeline } from '../clock/incident-timeline.model';
import { catalogCalendars } from '../feasibility/catalog-calendars.util';
import { attributeIncident } from './attribute-incident.util';

const minutes = (value: number): number => value * 60;
const END = utc('2026-03-31T00:00:00');
const example = meetingsExample();
const MEETINGS_CATALOG = example.catalog;

function timelineOf(incident: string): IncidentTimeline {
  return timelineOfEvents(eventsOf(example, incident));
}

describe.each([
  ['a fixed-offset spec calendar', winterTimeCalendarsOf(MEETINGS_CATALOG)],
  ['the compiled calendars', catalogCalendars(MEETINGS_CATALOG)],
] as Array<[string, CalendarResolver]>)(`${attributeIncident.name} on %s`, (_name, calendarOf) => {
  const attribute = (incident: string, sla: string, now = END) => attributeIncident({ catalog: MEETINGS_CATALOG, sla: ref(sla), timeline: timelineOf(incident), calendarOf, now });

  it('INC-1001: splits 4 h 13 min over the parties and names who broke the chain', () => {
    const result = attribute('INC-1001', 'sla-acme-video/p1-resolution');
    expect(result.clock).toMatchObject({ elapsedSeconds: minutes(253), breached: true, breachedAt: utc('2026-03-03T12:52:00') });
    expect(result.segments).toEqual([
      { party: 'service-desk', agreement: 'ola-service-desk', objective: 'p1-handover', elapsedSeconds: minutes(19), targetSeconds: minutes(15), breached: true },
      { party: 'netops', agreement: 'ola-netops', objective: 'p1-restore', elapsedSeconds: minutes(162), targetSeconds: minutes(120), breached: true },
      { party: 'meetcloud', agreement: 'uc-meetcloud', objective: 'p1-restore', elapsedSeconds: minutes(72), targetSeconds: minutes(90), breached: false },
    ]);
    expect(result.summary).toBe(
      'service-desk used 19 m of a 15 m OLA; netops used 2 h 42 m of a 2 h OLA; meetcloud stayed inside its UC (1 h 12 m of 1 h 30 m)',
    );
    expect(result.shares).toEqual([
      { party: 'service-desk', elapsedSeconds: minutes(19), pausedSeconds: 0 },
      { party: 'netops', elapsedSeconds: minutes(162), pausedSeconds: 0 },
      { party: 'meetcloud', elapsedSeconds: minutes(72), pausedSeconds: minutes(40) },
    ]);
    expect(result.stretches.map((stretch) => [stretch.party, stretch.elapsedSeconds / 60])).toEqual([
      ['service-desk', 19],
      ['netops', 77],
      ['meetcloud', 72],
      ['netops', 85],
    ]);
    expect(result.stretches[3]).toMatchObject({ from: utc('2026-03-03T11:40:00'), to: utc('2026-03-03T13:05:00') });
  });

  it('INC-1001: the first response is attributed to the service desk, inside both its OLA and the SLA', () => {
    const result = attribute('INC-1001', 'sla-acme-video/p1-response');
    expect(result.clock).toMatchObject({ elapsedSeconds: minutes(7), breached: false });
    expect(result.stretches).toEqual([{ party: 'service-desk', from: utc('2026-03-03T08:12:00'), to: utc('2026-03-03T08:19:00'), elapsedSeconds: minutes(7), pausedSeconds: 0 }]);
    expect(result.segments).toEqual([{ party: 'service-desk', agreement: 'ola-service-desk', objective: 'p1-response', elapsedSeconds: minutes(7), targetSeconds: minutes(10), breached: false }]);
    expect(result.summary).toBe('service-desk stayed inside its OLA (7 m of 10 m)');
  });

  it('INC-1001 live at 11:30 UTC: the SLA is at risk while MeetCloud holds it, its stretch still open', () => {
    const result = attribute('INC-1001', 'sla-acme-video/p1-resolution', utc('2026-03-03T11:30:00'));
    expect(result.clock).toMatchObject({ state: 'running', elapsedSeconds: minutes(158), breached: false });
    expect(result.stretches).toHaveLength(3);
    expect(result.stretches[2]).toEqual({ party: 'meetcloud', from: utc('2026-03-03T09:48:00'), elapsedSeconds: minutes(62), pausedSeconds: minutes(40) });
    expect(result.segments.map((row) => [row.party, row.elapsedSeconds / 60, row.breached])).toEqual([
      ['service-desk', 19, true],
      ['netops', 77, false],
      ['meetcloud', 62, false],
    ]);
  });

  it('INC-1002: the night counts for the 24/7 SLA but not for the office-hours team and vendor', () => {
    const result = attribute('INC-1002', 'sla-acme-video/p2-resolution');
    expect(result.shares.map((share) => [share.party, share.elapsedSeconds / 60])).toEqual([
      ['service-desk', 40],
      ['workplace', 16 * 60 + 45],
      ['roomtech', 6 * 60 + 25],
    ]);
    expect(result.segments.map((row) => [row.party, row.elapsedSeconds / 60, row.targetSeconds / 60, row.breached])).toEqual([
      ['service-desk', 40, 30, true],
      ['workplace', 65, 240, false],
      ['roomtech', 385, 480, false],
    ]);
    expect(result.summary).toBe('service-desk used 40 m of a 30 m OLA; workplace stayed inside its OLA (1 h 5 m of 4 h); roomtech stayed inside its UC (6 h 25 m of 8 h)');
  });

  it("INC-1003: Nordbank's pause for the vendor is excluded from the SLA but not from netops' OLA", () => {
    const result = attribute('INC-1003', 'sla-nordbank-video/p1-resolution');
    expect(result.clock).toMatchObject({ elapsedSeconds: minutes(300), breached: false });
    expect(result.shares).toEqual([
      { party: 'service-desk', elapsedSeconds: minutes(50), pausedSeconds: 0 },
      { party: 'netops', elapsedSeconds: minutes(250), pausedSeconds: minutes(31 * 60 + 15) },
    ]);
    expect(result.segments).toEqual([
      { party: 'service-desk', agreement: 'ola-service-desk', objective: 'p1-handover', elapsedSeconds: minutes(50), targetSeconds: minutes(15), breached: true },
      { party: 'netops', agreement: 'ola-netops', objective: 'p1-restore-office', elapsedSeconds: minutes(140), targetSeconds: minutes(360), breached: false },
    ]);
  });

  it('rejects what it cannot attribute, naming the field', () => {
    expect(() => attribute('INC-1001', 'sla-acme-video/nothing')).toThrow('sla: no objective sla-acme-video/nothing in the catalogue');
    expect(() => attribute('INC-1001', 'ola-netops/p1-restore')).toThrow(/^sla: ola-netops\/p1-restore measures one party's segments/);
  });
});
