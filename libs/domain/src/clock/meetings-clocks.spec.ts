import { eventsOf, meetingsExample, timelineOf as timelineOfEvents, utc, winterTimeCalendarsOf } from '@underpin/testing';
import { catalogCalendars } from '../feasibility/catalog-calendars.util';
import type { IncidentTimeline } from './incident-timeline.model';
import { applicableObjectives, findObjective, incidentAttributesOf, refKey } from './applicable-objectives.util';
import { evaluateObjectiveClock } from './evaluate-clock.util';
import type { CalendarResolver, ClockResult } from './clock.model';

const minutes = (value: number): number => value * 60;
const example = meetingsExample();
const MEETINGS_CATALOG = example.catalog;
const meetingsCalendarOf = catalogCalendars(MEETINGS_CATALOG);

function timelineOf(incident: string): IncidentTimeline {
  return timelineOfEvents(eventsOf(example, incident));
}

function clockWith(calendarOf: CalendarResolver, timeline: IncidentTimeline, ref: string, now: number): ClockResult {
  const [agreement, objective] = ref.split('/');
  const found = findObjective(MEETINGS_CATALOG, { agreement, objective });
  if (!found) throw new Error(`no objective ${ref}`);
  return evaluateObjectiveClock({ objective: found.objective, party: found.agreement.provider }, timeline, calendarOf, now);
}

describe.each([
  ['a fixed-offset spec calendar', winterTimeCalendarsOf(MEETINGS_CATALOG)],
  ['the compiled calendars', meetingsCalendarOf],
])('meetings example clocks on %s', (_name, calendarOf) => {
  const clockOf = (timeline: IncidentTimeline, ref: string, now: number): ClockResult => clockWith(calendarOf, timeline, ref, now);

  describe('meetings example: INC-1001 (ACME, P1, 24/7)', () => {
    const timeline = timelineOf('INC-1001');
    const end = utc('2026-03-31T00:00:00');

    it('selects the P1 SLA objectives and the underpinning objectives of the parties that held it', () => {
      const applicable = applicableObjectives(MEETINGS_CATALOG, incidentAttributesOf(timeline), timeline.openedAt!);
      expect(applicable.map((entry) => `${entry.role} ${refKey(entry.ref)}`)).toEqual([
        'sla sla-acme-video/p1-response',
        'sla sla-acme-video/p1-resolution',
        'underpinning ola-service-desk/p1-response',
        'underpinning ola-service-desk/p1-handover',
        'underpinning ola-netops/p1-restore',
        'underpinning uc-meetcloud/p1-restore',
      ]);
    });

    it('resolution: 4 h 53 min of wall time minus the 40-minute customer pause is 4 h 13 min, breached at 12:52 UTC', () => {
      const clock = clockOf(timeline, 'sla-acme-video/p1-resolution', end);
      expect(clock).toMatchObject({
        state: 'stopped',
        elapsedSeconds: minutes(4 * 60 + 13),
        targetSeconds: minutes(240),
        remainingSeconds: 0,
        dueAt: utc('2026-03-03T12:52:00'),
        breached: true,
        breachedAt: utc('2026-03-03T12:52:00'),
      });
      expect(clock.warnings).toEqual([
        { threshold: 0.5, at: utc('2026-03-03T10:12:00') },
        { threshold: 0.75, at: utc('2026-03-03T11:52:00') },
        { threshold: 0.9, at: utc('2026-03-03T12:28:00') },
      ]);
    });

    it('first response took 7 min: the 15-min SLA and the 10-min OLA are kept', () => {
      expect(clockOf(timeline, 'sla-acme-video/p1-response', end)).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(7), breached: false, dueAt: utc('2026-03-03T08:27:00') });
      expect(clockOf(timeline, 'ola-service-desk/p1-response', end)).toMatchObject({ elapsedSeconds: minutes(7), breached: false });
    });

    it('segments: service desk 19 min of 15, netops 1 h 17 + 1 h 25 = 2 h 42 of 2 h, MeetCloud 1 h 52 − 40 = 1 h 12 of 1 h 30', () => {
      expect(clockOf(timeline, 'ola-service-desk/p1-handover', end)).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(19), breached: true, breachedAt: utc('2026-03-03T08:27:00') });
      expect(clockOf(timeline, 'ola-netops/p1-restore', end)).toMatchObject({ elapsedSeconds: minutes(162), breached: true, breachedAt: utc('2026-03-03T12:23:00') });
      expect(clockOf(timeline, 'uc-meetcloud/p1-restore', end)).toMatchObject({ elapsedSeconds: minutes(72), breached: false, dueAt: utc('2026-03-03T11:58:00') });
    });

    it('reads the clocks live: at 11:00 UTC the resolution clock is paused with 2 h 18 min used, due 1 h 42 min after a resume', () => {
      const clock = clockOf(timeline, 'sla-acme-video/p1-resolution', utc('2026-03-03T11:00:00'));
      expect(clock).toMatchObject({ state: 'paused', elapsedSeconds: minutes(138), breached: false, dueAt: utc('2026-03-03T12:42:00') });
      expect(clock.warnings.map((warning) => warning.threshold)).toEqual([0.5]);
      expect(clockOf(timeline, 'uc-meetcloud/p1-restore', utc('2026-03-03T11:00:00'))).toMatchObject({ state: 'paused', elapsedSeconds: minutes(42) });
      expect(clockOf(timeline, 'ola-netops/p1-restore', utc('2026-03-03T11:00:00'))).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(77) });
    });
  });

  describe('meetings example: INC-1002 (ACME, P2, crosses a night, office-hours teams)', () => {
    const timeline = timelineOf('INC-1002');
    const end = utc('2026-03-31T00:00:00');

    it('is P2 and selects the P2 chain only', () => {
      const applicable = applicableObjectives(MEETINGS_CATALOG, incidentAttributesOf(timeline), timeline.openedAt!);
      expect(applicable.map((entry) => refKey(entry.ref))).toEqual([
        'sla-acme-video/p2-response',
        'sla-acme-video/p2-resolution',
        'ola-service-desk/p2-handover',
        'ola-workplace/p2-restore',
        'uc-roomtech/p2-restore',
      ]);
      expect(applicable.every((entry) => entry.priority === 'P2')).toBe(true);
    });

    it('the 24/7 resolution clock counts the night: 23 h 50 min of 8 h, due 22:40 UTC', () => {
      const clock = clockOf(timeline, 'sla-acme-video/p2-resolution', end);
      expect(clock).toMatchObject({ elapsedSeconds: minutes(1430), breached: true, dueAt: utc('2026-03-05T22:40:00') });
      expect(clock.warnings.map((warning) => warning.at)).toEqual([utc('2026-03-05T18:40:00'), utc('2026-03-05T20:40:00'), utc('2026-03-05T21:52:00')]);
      expect(clockOf(timeline, 'sla-acme-video/p2-response', end)).toMatchObject({ elapsedSeconds: minutes(12), breached: false });
    });

    it('office-hours segments count only office time: workplace 1 h 5 min, RoomTech 6 h 25 min', () => {
      expect(clockOf(timeline, 'ola-service-desk/p2-handover', end)).toMatchObject({ elapsedSeconds: minutes(40), breached: true, breachedAt: utc('2026-03-05T15:10:00') });
      // From the last stop at 08:05 UTC, the 2 h 55 min left end at 11:00 UTC.
      expect(clockOf(timeline, 'ola-workplace/p2-restore', end)).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(65), breached: false, dueAt: utc('2026-03-06T11:00:00') });
      // 1 h 35 min left at 14:30 UTC Friday: 30 min before closing, 1 h 5 min on Monday.
      expect(clockOf(timeline, 'uc-roomtech/p2-restore', end)).toMatchObject({ elapsedSeconds: minutes(385), breached: false, dueAt: utc('2026-03-09T08:05:00') });
    });

    it('at night the workplace clock runs on a closed calendar: nothing counted, due four office hours after opening', () => {
      const night = utc('2026-03-05T20:00:00');
      expect(clockOf(timeline, 'ola-workplace/p2-restore', night)).toMatchObject({ state: 'running', elapsedSeconds: 0, dueAt: utc('2026-03-06T11:00:00') });
      expect(clockOf(timeline, 'uc-roomtech/p2-restore', night)).toMatchObject({ state: 'pending', elapsedSeconds: 0, dueAt: undefined });
    });
  });

  describe('meetings example: INC-1003 (Nordbank, P1, Saturday night, awaiting the vendor)', () => {
    const timeline = timelineOf('INC-1003');
    const end = utc('2026-03-31T00:00:00');

    it("selects Nordbank's chain: its own objectives and what underpins them", () => {
      const applicable = applicableObjectives(MEETINGS_CATALOG, incidentAttributesOf(timeline), timeline.openedAt!);
      expect(applicable.map((entry) => refKey(entry.ref))).toEqual([
        'sla-nordbank-video/p1-response',
        'sla-nordbank-video/p1-resolution',
        'ola-service-desk/p1-handover',
        'ola-netops/p1-restore-office',
      ]);
    });

    it("Nordbank's clock stops while awaiting the vendor: 2 h 55 min + 2 h 5 min = 5 h of 8 h", () => {
      const clock = clockOf(timeline, 'sla-nordbank-video/p1-resolution', end);
      expect(clock).toMatchObject({ state: 'stopped', elapsedSeconds: minutes(300), breached: false, dueAt: utc('2026-03-09T12:20:00') });
      expect(clock.warnings).toEqual([{ threshold: 0.5, at: utc('2026-03-09T08:20:00') }]);
      expect(clockOf(timeline, 'sla-nordbank-video/p1-response', end)).toMatchObject({ elapsedSeconds: minutes(36), breached: false });
    });

    it("ACME's terms would not stop for the vendor: the same timeline is 36 h 15 min", () => {
      expect(clockOf(timeline, 'sla-acme-video/p1-resolution', end)).toMatchObject({ elapsedSeconds: minutes(2175), breached: true, dueAt: utc('2026-03-08T01:05:00') });
    });

    it('netops on office hours counts Monday morning only, and its clock ignores the vendor pause', () => {
      expect(clockOf(timeline, 'ola-netops/p1-restore-office', end)).toMatchObject({ elapsedSeconds: minutes(140), breached: false, dueAt: utc('2026-03-09T13:00:00') });
      expect(clockOf(timeline, 'ola-service-desk/p1-handover', end)).toMatchObject({ elapsedSeconds: minutes(50), breached: true });
      const sunday = utc('2026-03-08T12:00:00');
      expect(clockOf(timeline, 'ola-netops/p1-restore-office', sunday)).toMatchObject({ state: 'running', elapsedSeconds: 0 });
      expect(clockOf(timeline, 'sla-nordbank-video/p1-resolution', sunday)).toMatchObject({ state: 'paused', elapsedSeconds: minutes(175) });
    });
  });
});

describe('meetings example on the compiled calendars: Easter in summer time', () => {
  it('an office-hours OLA opened on Maundy Thursday is due on the Tuesday after Easter Monday', () => {
    const opened = utc('2026-04-02T13:00:00'); // 15:00 in Stockholm, summer time
    const timeline = timelineOfEvents([
      { type: 'incident.opened', at: opened, incident: 'INC-2001', service: 'video-meetings', customer: 'nordbank', impact: 'high', urgency: 'high', assignee: 'netops' },
    ]);
    const found = findObjective(MEETINGS_CATALOG, { agreement: 'ola-netops', objective: 'p1-restore-office' })!;
    const clock = evaluateObjectiveClock({ objective: found.objective, party: 'netops' }, timeline, meetingsCalendarOf, utc('2026-04-04T12:00:00'));
    expect(clock).toMatchObject({ state: 'running', elapsedSeconds: 3600, dueAt: utc('2026-04-07T11:00:00') });
    expect(clock.warnings).toEqual([]);
  });
});
