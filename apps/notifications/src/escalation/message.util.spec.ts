import { catalogWith } from '@underpin/testing';
import type { KnownIncident, Trigger } from './escalation.type';
import { renderMessage } from './message.util';

const catalog = catalogWith([
  '  - { id: warn, when: { event: warning }, notify: [slm] }',
  '  - { id: late, when: { event: not-acknowledged, after: 1h30m }, notify: [slm] }',
  '  - { id: exit, when: { event: exit-trigger }, notify: [slm] }',
]);
const policy = (id: string) => catalog.escalations!.find((p) => p.id === id)!;
const incident: KnownIncident = {
  id: 'INC-7',
  title: 'Guests cannot join',
  service: 'video-meetings',
  customer: 'acme',
  region: 'eu-west',
  priority: 'P2',
  status: 'open',
  holder: 'service-desk',
  openedAt: Date.parse('2026-03-02T08:00:00Z'),
};

describe(renderMessage.name, () => {
  it('names the threshold, objective and incident of a warning', () => {
    const trigger: Trigger = {
      eventId: 'e1',
      event: 'warning',
      incident: 'INC-7',
      agreement: 'sla-acme',
      objective: 'p1-resolution',
      threshold: 0.9,
      occurredAt: Date.parse('2026-03-02T11:36:00Z'),
      details: { dueAt: '2026-03-02T12:00:00.000Z' },
    };
    const message = renderMessage(policy('warn'), trigger, catalog, incident);
    expect(message.subject).toBe('[Underpin] P1 warning: 90% of sla-acme/p1-resolution used on INC-7');
    expect(message.text.split('\n')).toEqual([
      'P1 warning: 90% of sla-acme/p1-resolution used on INC-7',
      '',
      'Incident: INC-7 - Guests cannot join',
      'Service: video-meetings (eu-west), customer acme',
      'Priority: P2, open',
      'Held by: service-desk',
      'Opened: 2026-03-02T08:00:00.000Z',
      'Agreement: sla-acme (SLA, it for acme)',
      'Objective: p1-resolution (resolution_time, target 4 h)',
      'Due: 2026-03-02T12:00:00.000Z',
      'Happened: 2026-03-02T11:36:00.000Z',
      '',
      'Escalation policy: warn',
    ]);
    expect(message.payload).toMatchObject({ event: 'warning', policy: 'warn', incident: 'INC-7', priority: 'P1', threshold: 0.9, dueAt: '2026-03-02T12:00:00.000Z', holder: 'service-desk' });
  });

  it('says how long an incident waited for its acknowledgement', () => {
    const trigger: Trigger = { eventId: 'e2', event: 'not-acknowledged', incident: 'INC-7', occurredAt: incident.openedAt, details: {} };
    expect(renderMessage(policy('late'), trigger, catalog, incident).subject).toBe('[Underpin] P2 INC-7 not acknowledged after 1 h 30 m');
  });

  it('tells an exit trigger by agreement, without an incident', () => {
    const trigger: Trigger = { eventId: 'e3', event: 'exit-trigger', agreement: 'uc-meetcloud', occurredAt: 0, details: { trigger: 'three-bad-months', count: 3 } };
    const message = renderMessage(policy('exit'), trigger, catalog, undefined);
    expect(message.subject).toBe('[Underpin] Exit trigger three-bad-months fired on uc-meetcloud');
    expect(message.text).toContain('Agreement: uc-meetcloud (UC, meetcloud for it)');
    expect(message.text).toContain('Occurrences: 3');
    expect(message.payload).not.toHaveProperty('incident');
    expect(message.payload).toMatchObject({ exitTrigger: 'three-bad-months', count: 3 });
  });
});
