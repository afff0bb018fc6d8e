import { createEnvelope, decodeEnvelope, encodeEnvelope } from './envelope.util';
import { INCIDENT_EVENTS_TOPIC } from './incident-events.event';

const AT = '2026-03-04T11:00:00+01:00';
const paused = createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.paused', { at: AT, incident: 'INC-2', reason: 'awaiting-customer' }, { source: 'incidents' });

describe('incidents.events.v1 field limits', () => {
  it('dead-letters a consumed incident.paused whose reason is 900 KB, naming the field and the limit', () => {
    const reason = 'x'.repeat(900 * 1024);
    const decoded = decodeEnvelope(INCIDENT_EVENTS_TOPIC, encodeEnvelope({ ...paused, payload: { ...paused.payload, reason } }));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid-payload' });
    if (!decoded.ok) expect(decoded.error).toBe(`invalid-payload: payload.reason: must have at most 100 characters, got ${reason.length}`);
  });

  it('refuses to produce what a consumer would refuse', () => {
    expect(() => createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.paused', { at: AT, incident: 'INC-2', reason: 'r'.repeat(101) }, { source: 'incidents' })).toThrow(
      'payload.reason: must have at most 100 characters, got 101',
    );
  });

  it.each([
    ['a service id with a space', 'incident.opened', { incident: 'INC-1', service: 'video meetings', customer: 'acme', impact: 'high', urgency: 'low' }, 'payload.service'],
    ['a customer id of 201 characters', 'incident.opened', { incident: 'INC-1', service: 'v', customer: 'c'.repeat(201), impact: 'high', urgency: 'low' }, 'payload.customer'],
    ['a region id with a space', 'incident.opened', { incident: 'INC-1', service: 'v', customer: 'c', region: 'eu north', impact: 'high', urgency: 'low' }, 'payload.region'],
    ['an assignee id starting with -', 'incident.opened', { incident: 'INC-1', service: 'v', customer: 'c', assignee: '-desk', impact: 'high', urgency: 'low' }, 'payload.assignee'],
    ['a title of 2001 characters', 'incident.opened', { incident: 'INC-1', service: 'v', customer: 'c', title: 't'.repeat(2001), impact: 'high', urgency: 'low' }, 'payload.title'],
    ['a party id with a space', 'incident.handover', { incident: 'INC-1', to: 'net ops' }, 'payload.to'],
    ['a pause reason that is a sentence', 'incident.paused', { incident: 'INC-1', reason: 'waiting for the customer' }, 'payload.reason'],
    ['an incident id of 201 characters', 'incident.closed', { incident: 'I'.repeat(201) }, 'payload.incident'],
  ])('refuses %s on consume', (_name, type, fields, path) => {
    const decoded = decodeEnvelope(INCIDENT_EVENTS_TOPIC, JSON.stringify({ ...paused, type, key: fields.incident, payload: { at: AT, ...fields } }));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid-payload', issues: [{ path }] });
  });
});
