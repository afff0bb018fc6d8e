import { catalogWith } from '@underpin/testing';
import { matchPolicy, priorityOfTrigger } from './escalation-matcher.util';
import type { KnownIncident, Trigger } from './escalation.type';

const catalog = catalogWith([
  '  - { id: p1-breach, when: { event: breach, priority: P1 }, notify: [slm] }',
  '  - { id: uc-breach, when: { event: breach, kind: UC }, notify: [slm] }',
  '  - { id: acme-warning, when: { event: warning, agreement: sla-acme, threshold: "75%" }, notify: [holder] }',
  '  - { id: unacknowledged, when: { event: not-acknowledged, priority: [P1, P2], after: 30m }, notify: [slm] }',
]);
const policy = (id: string) => catalog.escalations!.find((p) => p.id === id)!;

const incident = (priority: KnownIncident['priority']): KnownIncident => ({
  id: 'INC-1',
  service: 'video-meetings',
  customer: 'acme',
  priority,
  status: 'open',
  openedAt: 0,
});

function alert(event: 'warning' | 'breach', agreement: string, objective: string, threshold = 1): Trigger {
  return { eventId: 'e', event, incident: 'INC-1', agreement, objective, threshold, occurredAt: 0, details: {} };
}

describe(matchPolicy.name, () => {
  it('takes the priority of the objective over that of the incident', () => {
    expect(matchPolicy(policy('p1-breach'), alert('breach', 'sla-acme', 'p1-resolution'), catalog, incident('P3'))).toEqual({ kind: 'match' });
    expect(priorityOfTrigger(alert('breach', 'sla-acme', 'p1-resolution'), catalog, undefined)).toBe('P1');
  });

  it("falls back to the incident's priority, and says so when neither is known", () => {
    const trigger = alert('breach', 'sla-acme', 'any-resolution');
    expect(matchPolicy(policy('p1-breach'), trigger, catalog, incident('P1'))).toEqual({ kind: 'match' });
    expect(matchPolicy(policy('p1-breach'), trigger, catalog, incident('P2'))).toEqual({ kind: 'no-match', reason: 'priority P2 is not one of P1' });
    expect(matchPolicy(policy('p1-breach'), trigger, catalog, undefined)).toEqual({ kind: 'priority-unknown' });
  });

  it('filters by agreement kind and by agreement', () => {
    expect(matchPolicy(policy('uc-breach'), alert('breach', 'uc-meetcloud', 'p2-restore'), catalog, undefined).kind).toBe('match');
    expect(matchPolicy(policy('uc-breach'), alert('breach', 'sla-acme', 'p1-resolution'), catalog, undefined)).toEqual({
      kind: 'no-match',
      reason: 'agreement kind SLA is not one of UC',
    });
    expect(matchPolicy(policy('acme-warning'), alert('warning', 'uc-meetcloud', 'p2-restore', 0.9), catalog, undefined).kind).toBe('no-match');
  });

  it('notifies warnings from the threshold up', () => {
    const at = (threshold: number) => matchPolicy(policy('acme-warning'), alert('warning', 'sla-acme', 'p1-resolution', threshold), catalog, undefined).kind;
    expect([0.5, 0.7499999999999, 0.75, 0.9].map(at)).toEqual(['no-match', 'match', 'match', 'match']);
  });

  it('never matches another event', () => {
    expect(matchPolicy(policy('acme-warning'), alert('breach', 'sla-acme', 'p1-resolution'), catalog, undefined)).toEqual({ kind: 'no-match', reason: 'reacts to warning, not breach' });
  });

  it('matches not-acknowledged on the incident priority', () => {
    const trigger: Trigger = { eventId: 'e', event: 'not-acknowledged', incident: 'INC-1', occurredAt: 0, details: {} };
    expect(['P1', 'P2', 'P3'].map((p) => matchPolicy(policy('unacknowledged'), trigger, catalog, incident(p as 'P1')).kind)).toEqual(['match', 'match', 'no-match']);
  });
});
