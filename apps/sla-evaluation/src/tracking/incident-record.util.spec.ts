import type { IncidentEvent } from '@underpin/domain';
import { appendIncidentEvent, emptyIncidentRecord, restoreIncidentRecord, type IncidentRecord } from './incident-record.util';

const at = (iso: string) => Date.parse(iso);
const opened: IncidentEvent = { type: 'incident.opened', at: at('2026-03-03T08:12:00Z'), incident: 'INC-1', service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'high', assignee: 'service-desk' };
const handover: IncidentEvent = { type: 'incident.handover', at: at('2026-03-03T08:31:00Z'), incident: 'INC-1', to: 'netops' };
const ack: IncidentEvent = { type: 'incident.acknowledged', at: at('2026-03-03T08:19:00Z'), incident: 'INC-1' };

function appendAll(events: IncidentEvent[]): IncidentRecord {
  return events.reduce((record, event) => appendIncidentEvent(record, event).record, emptyIncidentRecord());
}

describe('appendIncidentEvent', () => {
  it('applies events in time order to the timeline', () => {
    const record = appendAll([opened, ack, handover]);
    expect(record.events).toHaveLength(3);
    expect(record.timeline).toMatchObject({ status: 'open', holder: 'netops', acknowledgedAt: ack.at, lastEventAt: handover.at });
    expect(record.rejected).toEqual([]);
  });

  it('puts an event dated before the latest in its place', () => {
    const record = appendAll([opened, handover, ack]);
    expect(record.timeline).toMatchObject({ acknowledgedAt: ack.at, holder: 'netops', lastEventAt: handover.at });
    expect(record.timeline.holders.map((span) => span.party)).toEqual(['service-desk', 'netops']);
  });

  it('keeps a refused event aside with the rule it broke, and the timeline as it was', () => {
    const before = appendAll([opened]);
    const outcome = appendIncidentEvent(before, { type: 'incident.resumed', at: at('2026-03-03T09:00:00Z'), incident: 'INC-1' });
    expect(outcome.accepted).toBe(false);
    expect(outcome.record.timeline).toBe(before.timeline);
    expect(outcome.record.rejected).toEqual([expect.objectContaining({ code: 'not-paused' })]);
  });

  it('refuses an event before the incident is opened', () => {
    const outcome = appendIncidentEvent(emptyIncidentRecord(), ack);
    expect(outcome.accepted).toBe(false);
    expect(outcome.record.rejected[0]).toMatchObject({ code: 'not-opened' });
  });

  it('refuses an earlier-dated event that would make a later one impossible', () => {
    const resolved: IncidentEvent = { type: 'incident.resolved', at: at('2026-03-03T08:20:00Z'), incident: 'INC-1' };
    const outcome = appendIncidentEvent(appendAll([opened, handover]), resolved);
    expect(outcome.accepted).toBe(false);
    expect(outcome.record.rejected[0].message).toContain('once this earlier-dated event is placed in time');
  });
});

describe('restoreIncidentRecord', () => {
  it('reads a stored timeline back in the reducer shape, and rebuilds one stored without it', () => {
    const record = appendAll([opened, ack, handover]);
    const stored = JSON.parse(JSON.stringify(record.timeline));
    expect(restoreIncidentRecord(record.events, stored, []).timeline).toEqual(record.timeline);
    expect(restoreIncidentRecord(JSON.parse(JSON.stringify(record.events)), null, []).timeline).toEqual(record.timeline);
  });
});
