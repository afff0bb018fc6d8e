import { EventValidationException } from './event-validation.exception';
import { checkEnvelope, createEnvelope, decodeEnvelope, encodeEnvelope } from './envelope.util';
import { INCIDENT_EVENTS_TOPIC } from './incident-events.event';
import { SLA_CLOCKS_TOPIC } from './sla-clocks.event';

const opened = {
  at: '2025-03-04T10:00:00Z',
  incident: 'INC-1',
  service: 'meetings',
  customer: 'acme',
  impact: 'high' as const,
  urgency: 'medium' as const,
};

describe('createEnvelope', () => {
  it('fills id, version, occurredAt and the key the topic prescribes', () => {
    const envelope = createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.opened', opened, { source: 'incidents', occurredAt: new Date(Date.UTC(2025, 2, 4, 10)) });
    expect(envelope).toMatchObject({ type: 'incident.opened', version: 1, key: 'INC-1', source: 'incidents', occurredAt: '2025-03-04T10:00:00.000Z', payload: opened });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(checkEnvelope(INCIDENT_EVENTS_TOPIC, envelope).ok).toBe(true);
  });

  it('refuses a bad payload with a message naming the field', () => {
    const bad = { ...opened, impact: 'severe' } as unknown as typeof opened;
    expect(() => createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.opened', bad, { source: 'incidents' })).toThrow(
      new EventValidationException('incidents.events.v1', [{ path: 'payload.impact', message: 'must be one of high, medium, low, got "severe"' }]),
    );
  });

  it('names the missing payload field even when the key is derived from it', () => {
    const { incident: _missing, ...withoutIncident } = opened;
    expect(() => createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.opened', withoutIncident as typeof opened, { source: 'incidents' })).toThrow(
      'invalid event for incidents.events.v1: payload.incident: is required',
    );
  });

  it('refuses an event type the topic does not carry', () => {
    expect(() => createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.exploded' as 'incident.closed', { at: opened.at, incident: 'x' }, { source: 's' })).toThrow(
      'invalid event for incidents.events.v1: type: incident.exploded is not carried by incidents.events.v1',
    );
  });
});

describe('decodeEnvelope', () => {
  const good = createEnvelope(INCIDENT_EVENTS_TOPIC, 'incident.paused', { at: '2025-03-04T11:00:00+01:00', incident: 'INC-2', reason: 'awaiting-customer' }, { source: 'incidents' });

  it('reads back what was encoded, from bytes', () => {
    const result = decodeEnvelope(INCIDENT_EVENTS_TOPIC, new TextEncoder().encode(encodeEnvelope(good)));
    expect(result).toEqual({ ok: true, envelope: good });
  });

  it.each([
    ['not JSON', '{"id":', 'invalid-envelope', ''],
    ['not UTF-8', new Uint8Array([0xff, 0xfe, 0x7b]), 'invalid-envelope', ''],
    ['no value', null, 'invalid-envelope', ''],
    ['an array', '[]', 'invalid-envelope', ''],
  ])('classifies %s as %s', (_name, raw, reason, path) => {
    const result = decodeEnvelope(INCIDENT_EVENTS_TOPIC, raw as string | Uint8Array | null);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.issues[0].path).toBe(path);
    }
  });

  it.each([
    ['id', { id: 'nope' }, 'invalid-envelope', 'id'],
    ['occurredAt without offset', { occurredAt: '2025-03-04T10:00:00' }, 'invalid-envelope', 'occurredAt'],
    ['version', { version: 0 }, 'invalid-envelope', 'version'],
    ['traceparent', { traceparent: '00-abc' }, 'invalid-envelope', 'traceparent'],
    ['unknown type', { type: 'incident.exploded' }, 'unknown-event', 'type'],
    ['unknown version', { version: 7 }, 'unknown-event', 'version'],
    ['payload field', { payload: { ...good.payload, reason: 42 } }, 'invalid-payload', 'payload.reason'],
    ['missing payload field', { payload: { at: good.payload.at, incident: 'INC-2' } }, 'invalid-payload', 'payload.reason'],
    ['key not the incident', { key: 'INC-3' }, 'invalid-envelope', 'key'],
  ])('rejects a bad %s', (_name, patch, reason, path) => {
    const result = decodeEnvelope(INCIDENT_EVENTS_TOPIC, JSON.stringify({ ...good, ...patch }));
    expect(result).toMatchObject({ ok: false, reason, issues: [expect.objectContaining({ path })] });
    if (!result.ok) expect(result.error).toContain(path);
  });

  it('accepts unknown extra payload fields (tolerant reader within a version)', () => {
    expect(decodeEnvelope(INCIDENT_EVENTS_TOPIC, JSON.stringify({ ...good, payload: { ...good.payload, note: 'x' } })).ok).toBe(true);
  });

  it('applies cross-field rules of a payload', () => {
    const breach = { incident: 'I', agreement: 'A', objective: 'O', kind: 'warning', threshold: 0.9, dueAt: '2025-01-01T00:00:00Z', at: '2025-01-01T00:00:00Z' };
    const envelope = { ...good, type: 'sla.clock.breach', key: 'I', payload: breach };
    expect(decodeEnvelope(SLA_CLOCKS_TOPIC, JSON.stringify(envelope))).toMatchObject({ ok: false, reason: 'invalid-payload', issues: [{ path: 'payload.kind' }] });
    const fixed = { ...envelope, payload: { ...breach, kind: 'breach', threshold: 1 } };
    expect(decodeEnvelope(SLA_CLOCKS_TOPIC, JSON.stringify(fixed)).ok).toBe(true);
  });
});
