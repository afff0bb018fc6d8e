import { objective as objectiveOf, officeCalendar, seconds, timelineOf, utcAlways } from '@underpin/testing';
import { DEFAULT_WARN_AT, type Metric, type ObjectiveSpec } from '../catalog/catalog.model';
import type { IncidentEvent } from '../catalog/events.model';
import type { ClockInput } from './clock.model';
import { evaluateClock, nextClockDeadline } from './evaluate-clock.util';
import type { IncidentTimeline } from './incident-timeline.model';

// Monday 2 March 2026, 08:00 UTC, plus minutes.
const T = (minute: number): number => Date.UTC(2026, 2, 2, 8, 0) + minute * 60_000;
const H = 3600;
const office = officeCalendar({ holidays: ['2026-03-03'] });

function objective(metric: Metric, targetSeconds: number, extra: Partial<ObjectiveSpec> = {}): ObjectiveSpec {
  return objectiveOf({ id: `${metric}-objective`, metric, target: seconds(targetSeconds), ...extra });
}

function timeline(...events: Array<[IncidentEvent['type'], number, object?]>): IncidentTimeline {
  return timelineOf(
    events.map(([type, minute, extra]) =>
      type === 'incident.opened'
        ? ({ type, at: T(minute), incident: 'I', service: 's', customer: 'c', impact: 'high', urgency: 'high', assignee: 'desk', ...extra } as IncidentEvent)
        : ({ type, at: T(minute), incident: 'I', ...extra } as IncidentEvent),
    ),
  );
}

const input = (over: Partial<ClockInput> & Pick<ClockInput, 'objective' | 'timeline' | 'now'>): ClockInput => ({ calendar: utcAlways, ...over });

describe(evaluateClock.name, () => {
  it('has consumed every share of a zero target the instant the clock starts', () => {
    const state = timeline(['incident.opened', 0]);
    const clock = evaluateClock(input({ objective: objective('response_time', 0), timeline: state, now: T(0) }));
    expect(clock.warnings).toEqual(DEFAULT_WARN_AT.map((threshold) => ({ threshold, at: T(0) })));
    expect(clock).toMatchObject({ state: 'running', breached: false, dueAt: T(0) });
    expect(evaluateClock(input({ objective: objective('response_time', 0), timeline: state, now: T(1) })).warnings).toEqual(DEFAULT_WARN_AT.map((threshold) => ({ threshold, at: T(0) })));
  });

  it('adds the time after a reopen until the next resolution', () => {
    const state = timeline(['incident.opened', 0], ['incident.resolved', 60], ['incident.reopened', 180], ['incident.resolved', 210]);
    const clock = evaluateClock(input({ objective: objective('resolution_time', 2 * H), timeline: state, now: T(500) }));
    expect(clock).toMatchObject({ state: 'stopped', elapsedSeconds: 90 * 60, breached: false, dueAt: T(240) });
    const between = evaluateClock(input({ objective: objective('resolution_time', 2 * H), timeline: state, now: T(120) }));
    expect(between).toMatchObject({ state: 'stopped', elapsedSeconds: 60 * 60, dueAt: T(120) });
  });

  it('counts only pauses whose reason the objective lists; resolution ends a pause', () => {
    const state = timeline(['incident.opened', 0], ['incident.paused', 10, { reason: 'awaiting-vendor' }], ['incident.resumed', 40], ['incident.paused', 50, { reason: 'awaiting-customer' }], ['incident.resolved', 100]);
    const customerOnly = evaluateClock(input({ objective: objective('resolution_time', 4 * H), timeline: state, now: T(100) }));
    const both = evaluateClock(input({ objective: objective('resolution_time', 4 * H, { pauseOn: ['awaiting-customer', 'awaiting-vendor'] }), timeline: state, now: T(100) }));
    expect(customerOnly.elapsedSeconds).toBe(50 * 60);
    expect(both.elapsedSeconds).toBe(20 * 60);
    // Resolved while paused: the clock's last stop is the pause's start.
    expect(both.dueAt).toBe(T(50 + 220));
  });

  it('keeps the paused time after a reprioritization: the new target counts from opened', () => {
    const state = timeline(
      ['incident.opened', 0, { urgency: 'medium' }],
      ['incident.paused', 30, { reason: 'awaiting-customer' }],
      ['incident.resumed', 90],
      ['incident.reprioritized', 100, { impact: 'high', urgency: 'high' }],
    );
    expect(state.priorities.map((change) => change.priority)).toEqual(['P2', 'P1']);
    const p1 = evaluateClock(input({ objective: objective('resolution_time', 1 * H, { priority: 'P1' }), timeline: state, now: T(120) }));
    expect(p1).toMatchObject({ state: 'running', elapsedSeconds: 60 * 60, breached: false, dueAt: T(120) });
    const later = evaluateClock(input({ objective: objective('resolution_time', 1 * H, { priority: 'P1' }), timeline: state, now: T(121) }));
    expect(later).toMatchObject({ breached: true, breachedAt: T(120), elapsedSeconds: 61 * 60 });
  });

  it('stops the response clock at the first acknowledgement, or at a resolution without one, and never pauses it', () => {
    const acked = timeline(['incident.opened', 0], ['incident.paused', 2, { reason: 'awaiting-customer' }], ['incident.acknowledged', 15]);
    expect(evaluateClock(input({ objective: objective('response_time', 15 * 60), timeline: acked, now: T(60) }))).toMatchObject({
      state: 'stopped',
      elapsedSeconds: 15 * 60,
      breached: false,
      dueAt: T(15),
    });
    const resolved = timeline(['incident.opened', 0], ['incident.resolved', 20], ['incident.reopened', 30], ['incident.acknowledged', 40]);
    expect(evaluateClock(input({ objective: objective('response_time', 15 * 60), timeline: resolved, now: T(60) }))).toMatchObject({
      elapsedSeconds: 20 * 60,
      breached: true,
      breachedAt: T(15),
    });
  });

  it('is pending before the opening and for a party that never held the incident', () => {
    const state = timeline(['incident.opened', 10]);
    expect(evaluateClock(input({ objective: objective('resolution_time', H), timeline: state, now: T(5) }))).toEqual({
      state: 'pending',
      elapsedSeconds: 0,
      targetSeconds: H,
      remainingSeconds: H,
      dueAt: undefined,
      breached: false,
      warnings: [],
    });
    expect(evaluateClock(input({ objective: objective('restore_time', H), timeline: state, now: T(50), party: 'netops' })).state).toBe('pending');
    expect(evaluateClock(input({ objective: objective('restore_time', H), timeline: state, now: T(50), party: 'desk' }))).toMatchObject({ state: 'running', elapsedSeconds: 40 * 60 });
  });

  it('sums the stretches of a party that held the incident more than once', () => {
    const state = timeline(
      ['incident.opened', 0],
      ['incident.handover', 10, { to: 'netops' }],
      ['incident.handover', 40, { to: 'vendor' }],
      ['incident.paused', 45, { reason: 'awaiting-customer' }],
      ['incident.handover', 55, { to: 'netops' }],
      ['incident.resumed', 60],
      ['incident.resolved', 70],
    );
    const netops = evaluateClock(input({ objective: objective('restore_time', H), timeline: state, now: T(100), party: 'netops' }));
    expect(netops).toMatchObject({ state: 'stopped', elapsedSeconds: (30 + 10) * 60 });
    const vendor = evaluateClock(input({ objective: objective('restore_time', H), timeline: state, now: T(100), party: 'vendor' }));
    expect(vendor.elapsedSeconds).toBe(5 * 60);
  });

  it('on an office calendar, the due time is the end of an open interval and skips holidays', () => {
    // Opened Monday 15:00 UTC with 2 office hours to go: one hour on Monday, Tuesday is a holiday.
    const state = timeline(['incident.opened', 7 * 60]);
    const clock = evaluateClock(input({ objective: objective('resolution_time', 2 * H), calendar: office, timeline: state, now: T(7 * 60 + 60) }));
    expect(clock).toMatchObject({ state: 'running', elapsedSeconds: H, dueAt: Date.UTC(2026, 2, 4, 9, 0) });
    expect(clock.warnings).toEqual([{ threshold: 0.5, at: Date.UTC(2026, 2, 2, 16, 0) }]);
    const exactly = evaluateClock(input({ objective: objective('resolution_time', 1 * H), calendar: office, timeline: state, now: T(7 * 60 + 90) }));
    expect(exactly).toMatchObject({ elapsedSeconds: H, breached: false, dueAt: Date.UTC(2026, 2, 2, 16, 0) });
  });

  it('rejects objectives it cannot measure, naming what is wrong', () => {
    const state = timeline(['incident.opened', 0]);
    expect(() => evaluateClock(input({ objective: objective('availability', 0), timeline: state, now: T(1) }))).toThrow(
      'objective availability-objective: metric availability is not measured by an incident clock',
    );
    expect(() => evaluateClock(input({ objective: { ...objective('response_time', 1), target: { unit: 'ratio', value: 0.9 } }, timeline: state, now: T(1) }))).toThrow(
      'objective response_time-objective: target must be a duration, got ratio',
    );
    expect(() => evaluateClock(input({ objective: objective('handover_time', 60), timeline: state, now: T(1) }))).toThrow(/^party: /);
  });
});

describe(nextClockDeadline.name, () => {
  const state = timeline(['incident.opened', 0], ['incident.paused', 30, { reason: 'awaiting-customer' }], ['incident.resumed', 50], ['incident.resolved', 200]);
  const resolution = objective('resolution_time', 2 * H);

  it('walks a running clock through its warnings to the first millisecond of breach', () => {
    const fired: string[] = [];
    let now = T(0);
    for (;;) {
      const next = nextClockDeadline(input({ objective: resolution, timeline: timeline(['incident.opened', 0]), now }));
      if (!next) break;
      fired.push(`${next.kind} ${next.threshold} at +${(next.at - T(0)) / 1000} s`);
      now = next.at;
    }
    expect(fired).toEqual(['warning 0.5 at +3600 s', 'warning 0.75 at +5400 s', 'warning 0.9 at +6480 s', 'breach 1 at +7200.001 s']);
    const atBreach = evaluateClock(input({ objective: resolution, timeline: timeline(['incident.opened', 0]), now }));
    expect(atBreach).toMatchObject({ breached: true, breachedAt: T(120) });
    expect(evaluateClock(input({ objective: resolution, timeline: timeline(['incident.opened', 0]), now: now - 1 })).breached).toBe(false);
  });

  it('fires nothing while paused or stopped; after a resume it counts the pause out', () => {
    expect(nextClockDeadline(input({ objective: resolution, timeline: state, now: T(40) }))).toBeUndefined();
    expect(nextClockDeadline(input({ objective: resolution, timeline: state, now: T(300) }))).toBeUndefined();
    expect(nextClockDeadline(input({ objective: resolution, timeline: state, now: T(55) }))).toEqual({ at: T(80), kind: 'warning', threshold: 0.5 });
  });

  it('on an office calendar, a breach waits for the calendar to open again', () => {
    const opened = timeline(['incident.opened', 7 * 60]);
    const deadline = nextClockDeadline(input({ objective: objective('resolution_time', H, { warnAt: [] }), calendar: office, timeline: opened, now: T(7 * 60) }));
    expect(deadline).toEqual({ at: Date.UTC(2026, 2, 4, 8, 0) + 1, kind: 'breach', threshold: 1 });
  });
});
