import fc from 'fast-check';
import type { IncidentEvent } from '@underpin/domain';
import { createEnvelope, decodeEnvelope, encodeEnvelope } from './envelope.util';
import { dlqTopicOf } from './event-envelope.model';
import { INCIDENT_EVENTS_TOPIC, incidentEventFromWire, incidentEventToWire } from './incident-events.event';
import { TOPICS, TOPIC_REGISTRY, findTopic } from './topics.constant';

const AT = '2025-06-01T08:30:00Z';

/** One valid payload per event type of every topic: the registry must accept each of them. */
const SAMPLES: Record<string, Record<string, object>> = {
  'incidents.events.v1': {
    'incident.opened': { at: AT, incident: 'I1', service: 's', customer: 'c', impact: 'low', urgency: 'low' },
    'incident.acknowledged': { at: AT, incident: 'I1' },
    'incident.handover': { at: AT, incident: 'I1', to: 'network-ops' },
    'incident.paused': { at: AT, incident: 'I1', reason: 'awaiting-vendor' },
    'incident.resumed': { at: AT, incident: 'I1' },
    'incident.resolved': { at: AT, incident: 'I1' },
    'incident.reopened': { at: AT, incident: 'I1' },
    'incident.closed': { at: AT, incident: 'I1' },
    'incident.reprioritized': { at: AT, incident: 'I1', impact: 'high', urgency: 'high' },
  },
  'metrics.samples.v1': {
    probe: { at: AT, service: 'meet', region: 'eu', ok: false },
    'call.quality': { at: AT, service: 'meet', region: 'eu', call: 'c1', lossPercent: 2.5, intervalSeconds: 10 },
    'samples.batch': { service: 'meet', region: 'eu', sentBy: 'key-1', probes: [{ at: AT, state: 'degraded', vantage: 'office' }], calls: [{ at: AT, call: 'c1', latencyMs: 80 }] },
  },
  'catalog.changes.v1': {
    'catalog.published': { revision: 'r1', catalog: { apiVersion: 'underpin/v1', parties: [], calendars: [], maintenance: [], services: [], agreements: [] }, at: AT },
    'agreement.published': { agreement: 'sla-1', kind: 'SLA', revision: 'abc', effectiveFrom: '2025-01-01', at: AT },
    'agreement.retired': { agreement: 'sla-1', revision: 'abc', at: AT },
  },
  'sla.clocks.v1': {
    'sla.clock.warning': { incident: 'I1', agreement: 'A', objective: 'O', kind: 'warning', threshold: 0.75, dueAt: AT, at: AT },
    'sla.clock.breach': { incident: 'I1', agreement: 'A', objective: 'O', kind: 'breach', threshold: 1, dueAt: AT, at: AT },
    'sla.clock.withdrawn': { incident: 'I1', agreement: 'A', objective: 'O', kind: 'breach', threshold: 1, at: AT, withdrawnAt: AT, reason: 'acknowledged at 08:05 arrived after it was sent' },
  },
  'sla.periods.v1': {
    'sla.period.evaluated': { agreement: 'A', objective: 'O', region: null, window: 'month', from: '2025-05-01', to: '2025-06-01', value: 0.9991, target: 0.999, met: true, final: true, at: AT },
  },
  'ola.attribution.v1': {
    'ola.attribution.computed': { incident: 'I1', agreement: 'A', objective: 'O', at: AT, segments: [{ party: 'net', from: AT, to: null, elapsedSeconds: 9720, targetSeconds: 7200, breached: true, underpinning: { agreement: 'ola-net', objective: 'restore' } }] },
  },
  'credits.ledger.v1': {
    'credit.accrued': { entry: 'e1', agreement: 'A', direction: 'owed', periodFrom: '2025-05-01', periodTo: '2025-06-01', amount: 120, currency: 'EUR', reason: 'tier', at: AT },
    'exit-trigger.fired': { agreement: 'A', trigger: 't', count: 3, at: AT },
  },
  'notifications.deliveries.v1': {
    'notification.delivered': { notification: 'n1', channel: 'email', recipient: 'a@b.c', attempt: 1, at: AT },
    'notification.failed': { notification: 'n1', channel: 'webhook', recipient: 'https://x', attempt: 2, error: '503', at: AT },
  },
};

describe('TOPIC_REGISTRY', () => {
  it('holds the eight platform topics with their .dlq twins', () => {
    expect(TOPIC_REGISTRY.map((t) => t.name).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(dlqTopicOf(TOPICS.slaClocks.name)).toBe('sla.clocks.v1.dlq');
    expect(findTopic('incidents.events.v1')).toBe(TOPICS.incidentEvents);
    expect(findTopic('nope.v1')).toBeUndefined();
  });

  it.each(TOPIC_REGISTRY.map((t) => [t.name, t] as const))('%s accepts a sample of every event type and rejects an empty payload', (name, topic) => {
    expect(Object.keys(topic.events).sort()).toEqual(Object.keys(SAMPLES[name]).sort());
    for (const [type, payload] of Object.entries(SAMPLES[name])) {
      const envelope = createEnvelope(topic, type as never, payload as never, { source: 'test' });
      expect(decodeEnvelope(topic, encodeEnvelope(envelope))).toEqual({ ok: true, envelope });
      const empty = decodeEnvelope(topic, encodeEnvelope({ ...envelope, payload: {} }));
      expect(empty).toMatchObject({ ok: false, reason: 'invalid-payload' });
    }
  });
});

describe('incidentEventToWire', () => {
  const level = fc.constantFrom('high' as const, 'medium' as const, 'low' as const);
  const at = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
  // Ids as the contract allows them: its pattern, at most 20 characters (under every limit).
  const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,19}$/);
  const event: fc.Arbitrary<IncidentEvent> = fc.oneof(
    fc.record({ type: fc.constant('incident.opened' as const), at, incident: id, service: id, customer: id, impact: level, urgency: level, region: fc.option(id, { nil: undefined }) }, { requiredKeys: ['type', 'at', 'incident', 'service', 'customer', 'impact', 'urgency'] }),
    fc.record({ type: fc.constant('incident.handover' as const), at, incident: id, to: id }),
    fc.record({ type: fc.constant('incident.paused' as const), at, incident: id, reason: id }),
    fc.record({ type: fc.constant('incident.reprioritized' as const), at, incident: id, impact: level, urgency: level }),
    fc.record({ type: fc.constantFrom('incident.acknowledged' as const, 'incident.resolved' as const, 'incident.closed' as const), at, incident: id }),
  );

  it('round-trips any timeline event through a validated envelope', () => {
    fc.assert(
      fc.property(event, (domainEvent) => {
        const { type, payload } = incidentEventToWire(domainEvent);
        const envelope = createEnvelope(INCIDENT_EVENTS_TOPIC, type, payload, { source: 'incidents' });
        const decoded = decodeEnvelope(INCIDENT_EVENTS_TOPIC, encodeEnvelope(envelope));
        if (!decoded.ok) throw new Error(decoded.error);
        expect(decoded.envelope.key).toBe(domainEvent.incident);
        expect(incidentEventFromWire(decoded.envelope.type, decoded.envelope.payload as never)).toEqual(domainEvent);
      }),
    );
  });
});
