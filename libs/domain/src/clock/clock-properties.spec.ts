import fc from 'fast-check';
import { STEP_PARTIES, STEP_REASONS, objective as objectiveOf, officeCalendar, seconds, timelineFromSteps, timelineOf, timelineSteps, utcAlways } from '@underpin/testing';
import { DEFAULT_WARN_AT, type Metric, type ObjectiveSpec } from '../catalog/catalog.model';
import type { IncidentEvent } from '../catalog/events.model';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { ClockInput } from './clock.model';
import { evaluateClock, nextClockDeadline } from './evaluate-clock.util';
import { buildIncidentTimeline } from './incident-timeline.util';

const OPENED = Date.UTC(2026, 2, 6, 13, 17); // a Friday afternoon, so nights and a weekend come soon

const steps = timelineSteps();
const calendarsByName: Record<string, BusinessCalendar> = { always: utcAlways, office: officeCalendar({ offsetMinutes: 60, holidays: ['2026-03-09'] }) };
const calendars = fc.constantFrom('always', 'office');
const metrics = fc.constantFrom<Metric>('response_time', 'resolution_time', 'restore_time');
const pauseOn = fc.subarray([...STEP_REASONS]);
const targets = fc.integer({ min: 0, max: 48 * 60 }).map((minutes) => minutes * 60);
const offsets = fc.integer({ min: -60, max: 10 * 24 * 60 }).map((minutes) => OPENED + minutes * 60_000);

function objective(metric: Metric, targetSeconds: number, reasons: string[]): ObjectiveSpec {
  return objectiveOf({ id: 'o', metric, target: seconds(targetSeconds), pauseOn: reasons });
}

const clockCase = fc.record({
  steps,
  calendarName: calendars,
  metric: metrics,
  pauseOn,
  target: targets,
  party: fc.constantFrom(...STEP_PARTIES),
  now: offsets,
});

type ClockCase = typeof clockCase extends fc.Arbitrary<infer T> ? T & { calendar: BusinessCalendar } : never;

function caseOf(raw: typeof clockCase extends fc.Arbitrary<infer T> ? T : never): ClockCase {
  return { ...raw, calendar: calendarsByName[raw.calendarName] };
}

function inputOf(c: ClockCase): ClockInput {
  return { objective: objective(c.metric, c.target, c.pauseOn), calendar: c.calendar, timeline: timelineFromSteps(OPENED, c.steps).state, now: c.now, party: c.party };
}

/** The clock as a live service sees it: only the events up to now. */
function knownInputOf(c: ClockCase): ClockInput {
  return { ...inputOf(c), timeline: timelineOf(timelineFromSteps(OPENED, c.steps).events.filter((event) => event.at <= c.now)) };
}

describe('incident clock properties', () => {
  it('elapsed time never decreases as now moves on', () => {
    fc.assert(
      fc.property(clockCase, offsets, (raw, other) => {
        const c = caseOf(raw);
        const input = inputOf(c);
        const [early, late] = c.now <= other ? [c.now, other] : [other, c.now];
        expect(evaluateClock({ ...input, now: early }).elapsedSeconds).toBeLessThanOrEqual(evaluateClock({ ...input, now: late }).elapsedSeconds);
      }),
    );
  });

  it('pausing never increases elapsed time: more listed reasons, or an extra pause', () => {
    fc.assert(
      fc.property(clockCase, fc.nat(20), fc.integer({ min: 1, max: 300 }), (raw, position, length) => {
        const c = caseOf(raw);
        const input = inputOf(c);
        const none = evaluateClock({ ...input, objective: objective(c.metric, c.target, []) });
        const all = evaluateClock({ ...input, objective: objective(c.metric, c.target, [...STEP_REASONS]) });
        expect(evaluateClock(input).elapsedSeconds).toBeLessThanOrEqual(none.elapsedSeconds);
        expect(all.elapsedSeconds).toBeLessThanOrEqual(evaluateClock(input).elapsedSeconds);

        const { events } = timelineFromSteps(OPENED, c.steps);
        const anchor = events[Math.min(position, events.length - 1)];
        const pause: IncidentEvent = { type: 'incident.paused', at: anchor.at, incident: anchor.incident, reason: 'awaiting-customer' };
        const resume: IncidentEvent = { type: 'incident.resumed', at: anchor.at + length * 60_000, incident: anchor.incident };
        const paused = buildIncidentTimeline([...events, pause, resume]);
        fc.pre(paused.ok);
        if (!paused.ok) return;
        const withPause = evaluateClock({ ...input, timeline: paused.state, objective: objective(c.metric, c.target, ['awaiting-customer']) });
        const without = evaluateClock({ ...input, objective: objective(c.metric, c.target, ['awaiting-customer']) });
        expect(withPause.elapsedSeconds).toBeLessThanOrEqual(without.elapsedSeconds);
      }),
    );
  });

  it('dueAt agrees with the calendar: counted time reaches the target exactly there, or addSeconds projects it', () => {
    fc.assert(
      fc.property(clockCase, (raw) => {
        const c = caseOf(raw);
        const input = inputOf(c);
        const clock = evaluateClock(input);
        if (clock.state === 'pending') return expect(clock.dueAt).toBeUndefined();
        const dueAt = clock.dueAt!;
        if (clock.elapsedSeconds >= clock.targetSeconds) {
          expect(dueAt).toBeLessThanOrEqual(c.now);
          expect(evaluateClock({ ...input, now: dueAt }).elapsedSeconds).toBe(clock.targetSeconds);
          if (clock.targetSeconds > 0) expect(evaluateClock({ ...input, now: dueAt - 1 }).elapsedSeconds).toBeLessThan(clock.targetSeconds);
        } else if (clock.state === 'running' || clock.state === 'paused') {
          expect(dueAt).toBe(c.calendar.addSeconds(c.now, clock.remainingSeconds));
        }
        if (clock.state === 'running') {
          // With nothing more happening, the clock reaches its target exactly at dueAt.
          const live = knownInputOf(c);
          const atDue = evaluateClock({ ...live, now: Math.max(dueAt, c.now) });
          expect(atDue.elapsedSeconds).toBe(Math.max(clock.targetSeconds, clock.elapsedSeconds));
          expect(atDue.dueAt).toBe(dueAt);
        }
        expect(clock.breached).toBe(clock.elapsedSeconds > clock.targetSeconds);
        expect(clock.breachedAt).toBe(clock.breached ? dueAt : undefined);
      }),
    );
  });

  it('warnings come in order, by now, no later than dueAt, each exactly when its share was consumed', () => {
    fc.assert(
      fc.property(clockCase, (raw) => {
        const c = caseOf(raw);
        const input = inputOf(c);
        const clock = evaluateClock(input);
        let previous = Number.NEGATIVE_INFINITY;
        clock.warnings.forEach((warning, index) => {
          expect(warning.threshold).toBe(DEFAULT_WARN_AT[index]);
          expect(warning.at).toBeGreaterThanOrEqual(previous);
          expect(warning.at).toBeLessThanOrEqual(Math.min(c.now, clock.dueAt!));
          const goal = Math.round(warning.threshold * clock.targetSeconds * 1000) / 1000;
          expect(evaluateClock({ ...input, now: warning.at }).elapsedSeconds).toBeGreaterThanOrEqual(goal);
          if (goal > 0) expect(evaluateClock({ ...input, now: warning.at - 1 }).elapsedSeconds).toBeLessThan(goal);
          previous = warning.at;
        });
        const reached = DEFAULT_WARN_AT.filter((threshold) => clock.elapsedSeconds * 1000 >= Math.round(threshold * clock.targetSeconds * 1000));
        expect(clock.warnings).toHaveLength(clock.state === 'pending' ? 0 : reached.length);
      }),
    );
  });

  it('the next deadline is in the future and fires what it announced when nothing else happens', () => {
    fc.assert(
      fc.property(clockCase, (raw) => {
        const c = caseOf(raw);
        const input = knownInputOf(c);
        const deadline = nextClockDeadline(input);
        const clock = evaluateClock(input);
        if (clock.state !== 'running' || clock.breached) return expect(deadline).toBeUndefined();
        expect(deadline!.at).toBeGreaterThan(c.now);
        const then = evaluateClock({ ...input, now: deadline!.at });
        const before = evaluateClock({ ...input, now: deadline!.at - 1 });
        if (deadline!.kind === 'breach') {
          expect([before.breached, then.breached]).toEqual([false, true]);
        } else {
          expect(then.warnings.length).toBe(clock.warnings.length + 1);
          expect(before.warnings.length).toBe(clock.warnings.length);
        }
      }),
    );
  });

  it('a reprioritization changes no counted time: paused time stays out, counting from opened', () => {
    fc.assert(
      fc.property(clockCase, fc.integer({ min: 0, max: 3000 }), fc.constantFrom('medium', 'low'), (raw, minute, urgency) => {
        const c = caseOf(raw);
        const input = inputOf(c);
        const { events } = timelineFromSteps(OPENED, c.steps);
        const reprioritized = buildIncidentTimeline([
          ...events,
          { type: 'incident.reprioritized', at: OPENED + minute * 60_000, incident: 'PROP-1', impact: 'high', urgency: urgency as 'medium' | 'low' },
        ]);
        fc.pre(reprioritized.ok);
        if (!reprioritized.ok) return;
        const after = evaluateClock({ ...input, timeline: reprioritized.state, objective: objective(c.metric, c.target * 2, c.pauseOn) });
        expect(after.elapsedSeconds).toBe(evaluateClock(input).elapsedSeconds);
        expect(after.state).toBe(evaluateClock(input).state);
      }),
    );
  });
});
