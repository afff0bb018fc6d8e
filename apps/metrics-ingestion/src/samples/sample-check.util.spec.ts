import type { SourceKey } from '../keys/source-key.type';
import { checkSample, type SampleCheckContext } from './sample-check.util';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const key: SourceKey = { id: 'key-1', name: 'probes', services: new Set(['video-meetings']), regions: new Set(['eu-north', 'eu-west']) };
const context: SampleCheckContext = { key, nowMs: NOW, maxAheadMs: 5 * 60_000 };
const probe = { type: 'probe', at: '2026-03-02T08:59:00+01:00', service: 'video-meetings', region: 'eu-north', ok: false, vantage: 'stockholm-office' };
const call = { type: 'call.quality', at: '2026-03-02T07:59:50Z', service: 'video-meetings', region: 'eu-west', call: 'c-77', latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 };
const check = (value: unknown, line?: number) => checkSample({ index: 4, ...(line !== undefined ? { line } : {}), value }, context);

describe(checkSample.name, () => {
  it('splits a good sample into where it belongs and what it says', () => {
    expect(check(probe)).toEqual({
      ok: true,
      sample: { type: 'probe', service: 'video-meetings', region: 'eu-north', fields: { at: probe.at, ok: false, vantage: 'stockholm-office' }, atMs: Date.parse(probe.at) },
    });
    expect(check(call)).toMatchObject({ ok: true, sample: { type: 'call.quality', fields: { at: call.at, call: 'c-77', latencyMs: 212, lossPercent: 0.4, intervalSeconds: 10 } } });
    expect(check({ ...probe, ok: undefined, state: 'degraded' })).toMatchObject({ ok: true, sample: { fields: { state: 'degraded' } } });
  });

  it.each([
    ['not an object', 'probe', [{ path: '', reason: 'expected a sample: an object with "type" (probe or call.quality), got a string' }]],
    ['no type', { ...probe, type: undefined }, [{ path: 'type', reason: 'is required: probe or call.quality' }]],
    ['a misspelt type', { ...probe, type: 'prob' }, [{ path: 'type', reason: 'must be probe or call.quality, got "prob" (did you mean "probe"?)' }]],
    ['an incident event', { type: 'incident.opened' }, [{ path: 'type', reason: 'must be probe or call.quality, got "incident.opened"; incident events go to the incidents intake' }]],
    ['a misspelt field', { ...probe, vantge: 'x' }, [{ path: 'vantge', reason: 'is not a field of probe (did you mean "vantage"?)' }]],
    [
      'several bad fields',
      { ...call, latencyMs: -1, mos: 9, at: '2026-03-02 08:00' },
      [
        { path: 'at', reason: 'must be an ISO-8601 instant with an offset (e.g. 2025-03-04T10:00:00Z), got "2026-03-02 08:00"' },
        { path: 'latencyMs', reason: 'must be ≥ 0, got -1' },
        { path: 'mos', reason: 'must be ≤ 5, got 9' },
      ],
    ],
    ['a probe without ok or state', { ...probe, ok: undefined }, [{ path: 'ok', reason: 'is required unless state is given (one of up, down, degraded)' }]],
  ])('rejects %s as invalid, naming each field', (_what, value, problems) => {
    expect(check(value)).toEqual({ ok: false, rejections: problems.map((p) => ({ index: 4, code: 'invalid', ...p })) });
  });

  it('rejects a sample from further ahead than the clock allows', () => {
    expect(check({ ...probe, at: '2026-03-02T08:06:00Z' })).toEqual({
      ok: false,
      rejections: [{ index: 4, path: 'at', code: 'too-far-ahead', reason: "lies 6m ahead of the service's clock; at most 5m is taken (INGEST_MAX_AHEAD)" }],
    });
    expect(check({ ...probe, at: '2026-03-02T08:05:00Z' }).ok).toBe(true);
  });

  it("rejects what lies outside the key's services and regions, and keeps the NDJSON line", () => {
    expect(check({ ...probe, service: 'e-mail' }, 9)).toEqual({
      ok: false,
      rejections: [{ index: 4, line: 9, path: 'service', code: 'out-of-scope', reason: 'API key key-1 may not send samples of e-mail; it may for video-meetings' }],
    });
    expect(check({ ...probe, region: 'na-east' })).toEqual({
      ok: false,
      rejections: [{ index: 4, path: 'region', code: 'out-of-scope', reason: 'API key key-1 may not send samples of region na-east; it may for eu-north, eu-west' }],
    });
    const anyRegion = checkSample({ index: 0, value: { ...probe, region: 'na-east' } }, { ...context, key: { ...key, regions: new Set() } });
    expect(anyRegion.ok).toBe(true);
  });
});
