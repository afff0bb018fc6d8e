import type { IncidentEvent } from '../catalog/events.model';
import type { IncidentTimeline } from './incident-timeline.model';
import { applyIncidentEvent, buildIncidentTimeline, emptyIncidentTimeline, isPaused, partiesThatHeld, priorityAt, restoreIncidentTimeline } from './incident-timeline.util';

const T = (minute: number): number => Date.UTC(2026, 2, 2, 8, 0) + minute * 60_000;
const id = 'INC-1';
const opened = (minute = 0, assignee: string | null = 'desk'): IncidentEvent => ({
  type: 'incident.opened',
  at: T(minute),
  incident: id,
  service: 'video',
  customer: 'acme',
  impact: 'high',
  urgency: 'medium',
  ...(assignee !== null && { assignee }),
});
const ev = <K extends IncidentEvent['type']>(type: K, minute: number, extra: object = {}): IncidentEvent =>
  ({ type, at: T(minute), incident: id, ...extra }) as IncidentEvent;

function build(events: IncidentEvent[]): IncidentTimeline {
  const result = buildIncidentTimeline(events);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

function rejection(events: IncidentEvent[]): { code: string; message: string; index: number } {
  const result = buildIncidentTimeline(events);
  if (result.ok) throw new Error('expected a rejection');
  return { ...result.error, index: result.index };
}

describe('buildIncidentTimeline', () => {
  it('derives open stretches, pauses, holders and priorities, with reopen handing back to the last holder', () => {
    const state = build([
      opened(0),
      ev('incident.acknowledged', 5),
      ev('incident.handover', 10, { to: 'netops' }),
      ev('incident.paused', 20, { reason: 'awaiting-customer' }),
      ev('incident.handover', 25, { to: 'vendor' }),
      ev('incident.resumed', 30),
      ev('incident.reprioritized', 35, { impact: 'high', urgency: 'high' }),
      ev('incident.paused', 40, { reason: 'awaiting-vendor' }),
      ev('incident.resolved', 50),
      ev('incident.reopened', 70),
      ev('incident.acknowledged', 71),
      ev('incident.resolved', 80),
      ev('incident.closed', 90),
    ]);
    expect(state).toMatchObject({
      incident: id,
      status: 'closed',
      openedAt: T(0),
      acknowledgedAt: T(5),
      resolvedAt: T(80),
      closedAt: T(90),
      holder: 'vendor',
      open: [{ from: T(0), to: T(50) }, { from: T(70), to: T(80) }],
      pauses: [
        { from: T(20), to: T(30), reason: 'awaiting-customer' },
        { from: T(40), to: T(50), reason: 'awaiting-vendor' },
      ],
      holders: [
        { party: 'desk', from: T(0), to: T(10) },
        { party: 'netops', from: T(10), to: T(25) },
        { party: 'vendor', from: T(25), to: T(50) },
        { party: 'vendor', from: T(70), to: T(80) },
      ],
    });
    expect(state.priorities.map((change) => [change.at, change.priority])).toEqual([
      [T(0), 'P2'],
      [T(35), 'P1'],
    ]);
    expect(priorityAt(state, T(34))?.priority).toBe('P2');
    expect(priorityAt(state, T(35))?.priority).toBe('P1');
    expect(partiesThatHeld(state)).toEqual(['desk', 'netops', 'vendor']);
    expect(partiesThatHeld(state, T(10))).toEqual(['desk']);
  });

  it('sorts by time and keeps the order of events at the same instant', () => {
    const state = build([ev('incident.resolved', 10), opened(0), ev('incident.paused', 5, { reason: 'scheduled' }), ev('incident.resumed', 5)]);
    expect(state.pauses).toEqual([{ from: T(5), to: T(5), reason: 'scheduled' }]);
    expect(state.status).toBe('resolved');
  });

  it('without an assignee nobody holds the incident until the first handover', () => {
    const state = build([opened(0, null), ev('incident.handover', 15, { to: 'netops' })]);
    expect(state.holders).toEqual([{ party: 'netops', from: T(15) }]);
  });

  it('a handover at the opening instant means the assignee never held it', () => {
    const state = build([opened(0), ev('incident.handover', 0, { to: 'netops' })]);
    expect(state.holders).toEqual([{ party: 'netops', from: T(0) }]);
    expect(partiesThatHeld(state)).toEqual(['netops']);
  });

  it('resolving ends a running pause; a second acknowledgement changes nothing', () => {
    const state = build([opened(0), ev('incident.acknowledged', 3), ev('incident.acknowledged', 4), ev('incident.paused', 5, { reason: 'awaiting-customer' }), ev('incident.resolved', 9)]);
    expect(state.acknowledgedAt).toBe(T(3));
    expect(state.pauses).toEqual([{ from: T(5), to: T(9), reason: 'awaiting-customer' }]);
    expect(isPaused(state)).toBe(false);
  });

  it.each([
    ['an event before opened', [ev('incident.acknowledged', 0)], 'not-opened', 0],
    ['opened twice', [opened(0), opened(1)], 'already-opened', 1],
    ['resolving a resolved incident', [opened(0), ev('incident.resolved', 1), ev('incident.resolved', 2)], 'not-open', 2],
    ['resolving a closed incident', [opened(0), ev('incident.resolved', 1), ev('incident.closed', 2), ev('incident.resolved', 3)], 'incident-closed', 3],
    ['closing an open incident', [opened(0), ev('incident.closed', 1)], 'not-resolved', 1],
    ['reopening an open incident', [opened(0), ev('incident.reopened', 1)], 'not-resolved', 1],
    ['resuming what is not paused', [opened(0), ev('incident.resumed', 1)], 'not-paused', 1],
    ['pausing twice', [opened(0), ev('incident.paused', 1, { reason: 'a' }), ev('incident.paused', 2, { reason: 'b' })], 'already-paused', 2],
    ['pausing a resolved incident', [opened(0), ev('incident.resolved', 1), ev('incident.paused', 2, { reason: 'a' })], 'not-open', 2],
    ['acknowledging a resolved incident', [opened(0), ev('incident.resolved', 1), ev('incident.acknowledged', 2)], 'not-open', 2],
    ['handing over to the holder', [opened(0), ev('incident.handover', 1, { to: 'desk' })], 'same-holder', 1],
    ['a pause without reason', [opened(0), ev('incident.paused', 1, { reason: ' ' })], 'invalid-field', 1],
    ['a handover to nobody', [opened(0), ev('incident.handover', 1, { to: '' })], 'invalid-field', 1],
    ['an unknown level', [opened(0), ev('incident.reprioritized', 1, { impact: 'huge', urgency: 'high' })], 'invalid-field', 1],
    ['an unknown type', [opened(0), ev('incident.escalated' as IncidentEvent['type'], 1)], 'invalid-field', 1],
    ['another incident', [opened(0), { ...ev('incident.acknowledged', 1), incident: 'INC-2' }], 'wrong-incident', 1],
  ] as const)('rejects %s', (_name, events, code, index) => {
    expect(rejection([...events])).toMatchObject({ code, index });
  });

  it('names the field or the rule in its messages', () => {
    expect(rejection([opened(0), ev('incident.paused', 1, { reason: '' })]).message).toBe('reason: expected a pause reason');
    expect(rejection([opened(0), ev('incident.resumed', 1)]).message).toBe('INC-1: cannot be resumed, it is not paused');
    expect(rejection([{ ...opened(0), at: Number.NaN }]).message).toBe('at: expected an instant');
  });
});

describe('applyIncidentEvent', () => {
  it('leaves the state it was given untouched', () => {
    const before = build([opened(0), ev('incident.paused', 5, { reason: 'awaiting-customer' })]);
    const snapshot = structuredClone(before);
    const after = applyIncidentEvent(before, ev('incident.resolved', 9));
    expect(after.ok).toBe(true);
    expect(before).toEqual(snapshot);
    if (after.ok) expect(after.state.pauses[0].to).toBe(T(9));
  });

  it('rejects going back in time, which a sorted build never sees', () => {
    const state = build([opened(0), ev('incident.acknowledged', 10)]);
    expect(applyIncidentEvent(state, ev('incident.handover', 9, { to: 'netops' }))).toEqual({
      ok: false,
      error: { code: 'out-of-order', message: 'at: incident.handover of INC-1 is earlier than the event before it' },
    });
  });

  it('accepts a reprioritization after resolution and ignores one that changes nothing', () => {
    let state = build([opened(0), ev('incident.resolved', 10)]);
    const same = applyIncidentEvent(state, ev('incident.reprioritized', 11, { impact: 'high', urgency: 'medium' }));
    expect(same.ok && same.state.priorities.length).toBe(1);
    const changed = applyIncidentEvent(state, ev('incident.reprioritized', 11, { impact: 'low', urgency: 'low' }));
    if (!changed.ok) throw new Error(changed.error.message);
    state = changed.state;
    expect(state.priorities.map((change) => change.priority)).toEqual(['P2', 'P4']);
    expect(emptyIncidentTimeline().status).toBe('new');
  });
});

describe(restoreIncidentTimeline.name, () => {
  it('reads back a stored timeline with running spans in the shape the reducer gives them', () => {
    const state = build([opened(0), ev('incident.paused', 5, { reason: 'awaiting-customer' })]);
    const stored = JSON.parse(JSON.stringify(state)) as IncidentTimeline;
    expect(Object.keys(stored.open[0])).toEqual(['from']);
    const restored = restoreIncidentTimeline(stored);
    expect(restored).toEqual(state);
    expect(Object.keys(restored.open[0])).toEqual(['from', 'to']);
    expect(Object.keys(restored.pauses[0])).toEqual(['from', 'to', 'reason']);
    expect(applyIncidentEvent(restored, ev('incident.resumed', 9)).ok).toBe(true);
  });
});
