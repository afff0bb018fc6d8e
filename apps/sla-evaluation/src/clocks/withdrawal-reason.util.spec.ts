import type { IncidentEvent, RecordedAlert } from '@underpin/domain';
import { withdrawalReason } from './withdrawal-reason.util';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const breach: RecordedAlert = {
  agreement: 'sla-acme-video',
  objective: 'p1-response',
  kind: 'breach',
  threshold: 1,
  at: utc('2026-03-03T08:15:00'),
  dueAt: utc('2026-03-03T08:15:00'),
  revision: 'r1',
  withdrawn: false,
};

describe(withdrawalReason.name, () => {
  it('names the late events dated before the alert', () => {
    const events: IncidentEvent[] = [
      { type: 'incident.acknowledged', at: utc('2026-03-03T08:05:00'), incident: 'INC-1' },
      { type: 'incident.resolved', at: utc('2026-03-03T09:00:00'), incident: 'INC-1' },
    ];
    expect(withdrawalReason(breach, events)).toBe(
      'acknowledged at 2026-03-03T08:05:00Z arrived after it was sent: the breach of sla-acme-video/p1-response at 2026-03-03T08:15:00Z never happened',
    );
  });

  it('lists a few and counts the rest', () => {
    const events: IncidentEvent[] = [1, 2, 3, 4, 5].map((minute) => ({ type: 'incident.paused', at: utc(`2026-03-03T08:0${minute}:00`), incident: 'INC-1', reason: 'awaiting-customer' }));
    expect(withdrawalReason({ ...breach, kind: 'warning', threshold: 0.75 }, events)).toBe(
      'paused at 2026-03-03T08:01:00Z, paused at 2026-03-03T08:02:00Z, paused at 2026-03-03T08:03:00Z and 2 more arrived after it was sent: the 75 % warning of sla-acme-video/p1-response at 2026-03-03T08:15:00Z never happened',
    );
  });

  it('says so plainly when no event of the cause explains it', () => {
    expect(withdrawalReason(breach, [])).toBe('later events show that the breach of sla-acme-video/p1-response at 2026-03-03T08:15:00Z never happened');
  });
});
