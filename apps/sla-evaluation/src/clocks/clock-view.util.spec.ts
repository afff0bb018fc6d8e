import type { ClockModel } from '../graphql/schema.type';
import { byDueTime, queueOrder, remainingBudget, toClockModel } from './clock-view.util';
import type { IncidentClock } from './incident-clocks.util';

function clock(partial: Partial<ClockModel>): ClockModel {
  return {
    agreement: 'sla',
    objective: 'o',
    metric: 'resolution_time',
    kind: 'SLA',
    party: 'it',
    priority: 'P1',
    state: 'running',
    elapsedSeconds: 0,
    remainingSeconds: 100,
    targetSeconds: 100,
    dueAt: null,
    breached: false,
    breachedAt: null,
    warnings: [],
    nextAlert: null,
    ...partial,
  };
}

describe('remainingBudget', () => {
  it('is the least remaining time of the clocks running or paused', () => {
    expect(remainingBudget([clock({ remainingSeconds: 300 }), clock({ state: 'paused', remainingSeconds: 120 }), clock({ state: 'stopped', remainingSeconds: 5 })])).toBe(120);
  });

  it('is 0 for a breached clock still running, and null when nothing counts', () => {
    expect(remainingBudget([clock({ remainingSeconds: 0, breached: true }), clock({ remainingSeconds: 50 })])).toBe(0);
    expect(remainingBudget([clock({ state: 'stopped' }), clock({ state: 'pending' })])).toBeNull();
  });
});

describe('queueOrder', () => {
  it('puts the least budget first, nothing counting last, then the soonest due, then the id', () => {
    const due = (iso: string) => [clock({ dueAt: new Date(iso) })];
    const entries = [
      { id: 'C', remainingSeconds: null, deadlines: due('2026-03-03T08:00:00Z') },
      { id: 'B', remainingSeconds: 600, deadlines: due('2026-03-03T12:00:00Z') },
      { id: 'A', remainingSeconds: 600, deadlines: due('2026-03-03T12:00:00Z') },
      { id: 'D', remainingSeconds: 600, deadlines: due('2026-03-03T11:00:00Z') },
      { id: 'E', remainingSeconds: 0, deadlines: due('2026-03-03T13:00:00Z') },
    ];
    expect(queueOrder(entries).map((entry) => entry.id)).toEqual(['E', 'D', 'A', 'B', 'C']);
  });
});

describe('byDueTime', () => {
  it('orders clocks soonest due first and keeps those without a due time last, in their order', () => {
    const clocks = [
      clock({ objective: 'pending-1' }),
      clock({ objective: 'late', dueAt: new Date('2026-03-03T12:00:00Z') }),
      clock({ objective: 'pending-2' }),
      clock({ objective: 'soon', dueAt: new Date('2026-03-03T09:00:00Z') }),
    ];
    expect(byDueTime(clocks).map((c) => c.objective)).toEqual(['soon', 'late', 'pending-1', 'pending-2']);
  });
});

describe('toClockModel', () => {
  it("attaches the warnings fired for that incident and objective only, in order", () => {
    const evaluated: IncidentClock = {
      incident: 'INC-1',
      agreement: 'sla-acme-video',
      objective: 'p1-resolution',
      metric: 'resolution_time',
      kind: 'SLA',
      party: 'it',
      role: 'sla',
      priority: 'P1',
      result: { state: 'running', elapsedSeconds: 9000, targetSeconds: 14400, remainingSeconds: 5400, dueAt: 2_000, breached: false, warnings: [] },
      next: { kind: 'warning', threshold: 0.75, at: 1_500 },
    };
    const fired = [
      { incident: 'INC-1', agreement: 'sla-acme-video', objective: 'p1-resolution', threshold: 0.75, at: new Date(1_400), firedAt: new Date(1_401) },
      { incident: 'INC-1', agreement: 'sla-acme-video', objective: 'p1-resolution', threshold: 0.5, at: new Date(1_000), firedAt: new Date(1_000) },
      { incident: 'INC-1', agreement: 'sla-acme-video', objective: 'p1-response', threshold: 0.5, at: new Date(900), firedAt: new Date(900) },
      { incident: 'INC-2', agreement: 'sla-acme-video', objective: 'p1-resolution', threshold: 0.9, at: new Date(900), firedAt: new Date(900) },
    ];
    const model = toClockModel(evaluated, fired);
    expect(model.warnings.map((w) => w.threshold)).toEqual([0.5, 0.75]);
    expect(model).toMatchObject({ kind: 'SLA', dueAt: new Date(2_000), breachedAt: null, nextAlert: { kind: 'warning', threshold: 0.75, at: new Date(1_500) } });
  });
});
