import { createEnvelope, decodeEnvelope, encodeEnvelope } from './envelope.util';
import { MAX_SAMPLES_PER_BATCH, METRIC_SAMPLES_TOPIC, METRIC_SAMPLE_FIELDS, METRIC_SAMPLE_SCHEMAS, metricSampleFromWire, sampleBatchFromWire } from './metric-samples.event';
import { validate } from './schema.util';

const AT = '2026-03-02T08:05:00+01:00';
const probe = (fields: Record<string, unknown>) => validate(METRIC_SAMPLE_SCHEMAS.probe, { at: AT, service: 'video-meetings', region: 'eu-north', ...fields }, '');

describe('METRIC_SAMPLES_TOPIC', () => {
  describe('probe', () => {
    it.each([
      [{ ok: true }],
      [{ ok: false, vantage: 'stockholm-office' }],
      [{ state: 'degraded' }],
      [{ state: 'down', ok: false }],
      [{ state: 'degraded', ok: true }],
    ])('accepts %j', (fields) => {
      expect(probe(fields).ok).toBe(true);
    });

    it.each([
      [{}, 'ok', 'is required unless state is given (one of up, down, degraded)'],
      [{ state: 'down', ok: true }, 'ok', 'contradicts state "down": ok is false exactly when the state is down'],
      [{ state: 'degraded', ok: false }, 'ok', 'contradicts state "degraded": ok is false exactly when the state is down'],
      [{ state: 'ok' }, 'state', 'must be one of up, down, degraded, got "ok"'],
      [{ ok: true, vantage: 'stockholm office' }, 'vantage', 'must be an id: letters, digits, . _ : - and no spaces, got "stockholm office"'],
      [{ ok: true, region: 'r'.repeat(201) }, 'region', 'must have at most 200 characters, got 201'],
    ])('refuses %j at %s', (fields, path, message) => {
      expect(probe(fields)).toEqual({ ok: false, issues: [{ path, message }] });
    });

    it('reads a degraded probe as up, and keeps its vantage point and state', () => {
      expect(metricSampleFromWire('probe', { at: AT, service: 's', region: 'r', state: 'degraded', vantage: 'v' })).toEqual({
        type: 'probe',
        at: Date.parse(AT),
        service: 's',
        region: 'r',
        ok: true,
        state: 'degraded',
        vantage: 'v',
      });
    });
  });

  it('lists the fields of each sample type, for senders to be told of a misspelt one', () => {
    expect(METRIC_SAMPLE_FIELDS.probe).toEqual(['service', 'region', 'at', 'ok', 'state', 'vantage']);
    expect(METRIC_SAMPLE_FIELDS['call.quality']).toEqual(['service', 'region', 'at', 'call', 'latencyMs', 'lossPercent', 'intervalSeconds', 'mos', 'setupFailed']);
  });

  describe('samples.batch', () => {
    const batch = {
      service: 'video-meetings',
      region: 'eu-west',
      sentBy: 'key-1',
      probes: [{ at: AT, ok: false }, { at: '2026-03-02T08:06:00+01:00', state: 'degraded' as const }],
      calls: [{ at: AT, call: 'c-77', latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 }],
    };

    it('is keyed by service and region and round-trips to the domain samples in order', () => {
      const envelope = createEnvelope(METRIC_SAMPLES_TOPIC, 'samples.batch', batch, { source: 'metrics-ingestion' });
      expect(envelope.key).toBe('video-meetings:eu-west');
      const decoded = decodeEnvelope(METRIC_SAMPLES_TOPIC, encodeEnvelope(envelope));
      if (!decoded.ok || decoded.envelope.type !== 'samples.batch') throw new Error('expected a samples.batch');
      expect(sampleBatchFromWire(decoded.envelope.payload)).toEqual({
        probes: [
          { type: 'probe', at: Date.parse(AT), service: 'video-meetings', region: 'eu-west', ok: false },
          { type: 'probe', at: Date.parse('2026-03-02T08:06:00+01:00'), service: 'video-meetings', region: 'eu-west', ok: true, state: 'degraded' },
        ],
        calls: [{ type: 'call.quality', at: Date.parse(AT), service: 'video-meetings', region: 'eu-west', call: 'c-77', latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 }],
      });
    });

    it(`refuses an empty batch and one of more than ${MAX_SAMPLES_PER_BATCH} samples, naming the sample at fault otherwise`, () => {
      const check = (payload: object) => validate(METRIC_SAMPLES_TOPIC.events['samples.batch'].versions[1], payload, 'payload');
      expect(check({ ...batch, probes: [], calls: [] })).toEqual({ ok: false, issues: [{ path: 'payload.probes', message: 'a batch carries at least one probe or call' }] });
      const many = Array.from({ length: MAX_SAMPLES_PER_BATCH }, () => ({ at: AT, ok: true }));
      expect(check({ ...batch, probes: many })).toEqual({ ok: false, issues: [{ path: 'payload.calls', message: `a batch carries at most ${MAX_SAMPLES_PER_BATCH} samples, got ${MAX_SAMPLES_PER_BATCH + 1}` }] });
      expect(check({ ...batch, calls: [{ at: AT, call: 'c', mos: 7 }] })).toEqual({ ok: false, issues: [{ path: 'payload.calls[0].mos', message: 'must be ≤ 5, got 7' }] });
    });
  });
});
