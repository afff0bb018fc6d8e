import type { Catalog } from '@underpin/domain';
import { meetingsExample } from '@underpin/testing';
import { CATALOG_CHANGES_TOPIC, CATALOG_KEY } from './catalog-changes.event';
import { createEnvelope, decodeEnvelope, encodeEnvelope } from './envelope.util';
import { EventValidationException } from './event-validation.exception';

const AT = '2026-03-02T08:00:00Z';

function meetings(): Catalog {
  return meetingsExample().catalog;
}

describe('CATALOG_CHANGES_TOPIC', () => {
  it('carries the whole loaded catalogue through JSON unchanged, keyed by the constant key', () => {
    const catalog = meetings();
    const envelope = createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'r1', catalog, source: ['catalog.yaml'], at: AT }, { source: 'ola-chaining' });
    expect(envelope.key).toBe(CATALOG_KEY);
    const decoded = decodeEnvelope(CATALOG_CHANGES_TOPIC, encodeEnvelope(envelope));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.envelope.payload).toEqual({ revision: 'r1', catalog, source: ['catalog.yaml'], at: AT });
    expect((decoded.envelope.payload as { catalog: Catalog }).catalog.agreements.map((a) => a.id)).toEqual(catalog.agreements.map((a) => a.id));
  });

  it('keys agreement events by agreement id', () => {
    const published = createEnvelope(CATALOG_CHANGES_TOPIC, 'agreement.published', { agreement: 'sla-acme-video', kind: 'SLA', revision: 'a1', catalogRevision: 'r1', at: AT }, { source: 'ola-chaining' });
    const retired = createEnvelope(CATALOG_CHANGES_TOPIC, 'agreement.retired', { agreement: 'uc-old', revision: 'a0', at: AT }, { source: 'ola-chaining' });
    expect([published.key, retired.key]).toEqual(['sla-acme-video', 'uc-old']);
  });

  it('refuses a catalogue of another apiVersion or without one of its five lists, naming the field', () => {
    const catalog = meetings();
    const wrongVersion = { ...catalog, apiVersion: 'underpin/v2' } as unknown as Catalog;
    expect(() => createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'r', catalog: wrongVersion, at: AT }, { source: 't' })).toThrow(
      /payload\.catalog\.apiVersion: must be one of underpin\/v1/,
    );
    for (const list of ['parties', 'calendars', 'maintenance', 'services', 'agreements'] as const) {
      const without: Record<string, unknown> = { ...catalog };
      delete without[list];
      expect(() => createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'r', catalog: without as unknown as Catalog, at: AT }, { source: 't' })).toThrow(
        new EventValidationException('catalog.changes.v1', [{ path: `payload.catalog.${list}`, message: 'is required' }]),
      );
    }
  });

  it('refuses an objective whose target has no unit, on consume as on produce', () => {
    const catalog = meetings();
    const envelope = createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'r', catalog, at: AT }, { source: 't' });
    const broken = JSON.parse(encodeEnvelope(envelope)) as { payload: { catalog: { agreements: Array<{ objectives: Array<{ target: object }> }> } } };
    broken.payload.catalog.agreements[0].objectives[0].target = { value: 0.9995 };
    const decoded = decodeEnvelope(CATALOG_CHANGES_TOPIC, JSON.stringify(broken));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(decoded.ok ? '' : decoded.error).toContain('payload.catalog.agreements[0].objectives[0].target.unit: is required');
  });

  it('refuses a catalogue published under another key', () => {
    const envelope = createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'r', catalog: meetings(), at: AT }, { source: 't' });
    const decoded = decodeEnvelope(CATALOG_CHANGES_TOPIC, encodeEnvelope({ ...envelope, key: 'sla-acme-video' }));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });
});
