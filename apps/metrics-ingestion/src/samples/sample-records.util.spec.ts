import fc from 'fast-check';
import { checkEnvelope, createEnvelope, encodeEnvelope, METRIC_SAMPLES_TOPIC } from '@underpin/contracts';
import type { CheckedSample } from './sample-check.util';
import { MAX_SEND_BYTES } from './sample-batch.producer';
import { jsonBytesBound, MAX_RECORD_BYTES, planRecords, recordId, sampleBatchEnvelope } from './sample-records.util';

const at = (minute: number) => `2026-03-02T08:${String(minute).padStart(2, '0')}:00Z`;
const probe = (region: string, minute: number): CheckedSample => ({ type: 'probe', service: 'video', region, fields: { at: at(minute), ok: minute % 2 === 0 }, atMs: Date.parse(at(minute)) });
const call = (region: string, minute: number): CheckedSample => ({ type: 'call.quality', service: 'video', region, fields: { at: at(minute), call: `c-${minute}` }, atMs: Date.parse(at(minute)) });

describe(planRecords.name, () => {
  const samples = [probe('eu', 1), call('eu', 2), probe('us', 3), probe('eu', 4), call('eu', 0), probe('us', 5)];

  it('groups by service × region and cuts each group in the order sent', () => {
    const records = planRecords(samples, { sentBy: 'key-1', perRecord: 2 });
    expect(records.map((r) => [r.payload.region, r.samples, r.payload.probes.map((p) => p.at), r.payload.calls.map((c) => c.call), r.lastAtMs])).toEqual([
      ['eu', 2, [at(1)], ['c-2'], Date.parse(at(2))],
      ['eu', 2, [at(4)], ['c-0'], Date.parse(at(4))],
      ['us', 2, [at(3), at(5)], [], Date.parse(at(5))],
    ]);
    for (const record of records) {
      expect(record.payload.sentBy).toBe('key-1');
      expect(createEnvelope(METRIC_SAMPLES_TOPIC, 'samples.batch', record.payload, { source: 'metrics-ingestion', id: record.id }).key).toBe(`video:${record.payload.region}`);
    }
  });

  it('gives the records of a request with an Idempotency-Key the same ids every time, and others new ones', () => {
    const first = planRecords(samples, { sentBy: 'key-1', perRecord: 2, idempotencyKey: 'batch-7' }).map((r) => r.id);
    expect(planRecords(samples, { sentBy: 'key-1', perRecord: 2, idempotencyKey: 'batch-7' }).map((r) => r.id)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    const otherKey = planRecords(samples, { sentBy: 'key-2', perRecord: 2, idempotencyKey: 'batch-7' }).map((r) => r.id);
    expect(otherKey.some((id) => first.includes(id))).toBe(false);
    const without = planRecords(samples, { sentBy: 'key-1', perRecord: 2 }).map((r) => r.id);
    expect(without.some((id) => first.includes(id))).toBe(false);
  });
});

describe('record sizes', () => {
  it('cuts a group sooner when its samples are large, so that no record passes Kafka\'s 1 MB', () => {
    // Call ids at their limit, each character escaped in JSON: the worst a sample can be.
    const worst = Array.from({ length: 1000 }, (_, i): CheckedSample => ({
      type: 'call.quality',
      service: 'video',
      region: 'eu',
      fields: { at: '2026-03-02T08:00:00.123456789+01:00', call: '\u0001'.repeat(200), latencyMs: -1.2345678901234567e-300, lossPercent: 99.99999999999999, intervalSeconds: 1e-300, mos: 4.999999999999999, setupFailed: false },
      atMs: i,
    }));
    const records = planRecords(worst, { sentBy: 'k'.repeat(200), perRecord: 1000, idempotencyKey: 'i' });
    expect(records.length).toBeGreaterThan(1);
    expect(records.reduce((sum, r) => sum + r.samples, 0)).toBe(1000);
    for (const record of records) {
      const bytes = Buffer.byteLength(encodeEnvelope(sampleBatchEnvelope(record, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')));
      expect(bytes).toBeLessThan(MAX_SEND_BYTES);
    }
  });

  it('never counts a sample smaller than its JSON', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 });
    fc.assert(
      fc.property(fc.record({ call: text, vantage: text, latencyMs: fc.double({ noNaN: true, noDefaultInfinity: true }), setupFailed: fc.boolean() }), (fields) => {
        expect(jsonBytesBound(fields)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(fields)));
      }),
    );
    expect(MAX_RECORD_BYTES).toBeLessThan(MAX_SEND_BYTES);
  });
});

describe(recordId.name, () => {
  it('is a version-8 UUID of its parts, which cannot run into each other', () => {
    expect(recordId(['a', 'b'])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(recordId(['a', 'b'])).toBe(recordId(['a', 'b']));
    expect(recordId(['a|b', 'c'])).not.toBe(recordId(['a', 'b|c']));
  });
});

describe(sampleBatchEnvelope.name, () => {
  it('builds what createEnvelope builds, which the topic contract takes', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    for (const record of planRecords([probe('eu', 1), call('eu', 7), probe('us', 3)], { sentBy: 'key-1', perRecord: 1000, idempotencyKey: 'k' })) {
      const envelope = sampleBatchEnvelope(record, traceparent);
      expect(checkEnvelope(METRIC_SAMPLES_TOPIC, JSON.parse(JSON.stringify(envelope)))).toEqual({ ok: true, envelope });
      expect(envelope).toEqual(createEnvelope(METRIC_SAMPLES_TOPIC, 'samples.batch', record.payload, { source: 'metrics-ingestion', id: record.id, occurredAt: new Date(record.lastAtMs), traceparent }));
    }
  });
});
