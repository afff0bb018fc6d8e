import { objective, utc } from '@underpin/testing';
import type { CallQualitySample } from '../catalog/events.model';
import { CallQualityAccumulator } from './call-quality-accumulator.util';

function sample(at: string, region: string, fields: Partial<CallQualitySample>, call = 'c-1'): CallQualitySample {
  return { type: 'call.quality', at: utc(at), service: 'video-meetings', region, call, ...fields };
}

const latency = objective({ id: 'latency', metric: 'latency_p95', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost', window: 'quarter', perRegion: true });

describe(CallQualityAccumulator.name, () => {
  it('takes the p95 per region and period in the agreement zone', () => {
    const acc = new CallQualityAccumulator({ objective: latency, timezone: 'Europe/Stockholm' });
    for (let i = 1; i <= 20; i++) acc.add(sample('2026-02-01T12:00:00Z', 'eu-north', { latencyMs: i * 10 }));
    acc.add(sample('2026-02-01T12:00:00Z', 'na-east', { latencyMs: 400 }));
    // 22:30 UTC on 31 March is already Q2 in Stockholm.
    acc.add(sample('2026-03-31T22:30:00Z', 'eu-north', { latencyMs: 999 }));
    acc.add(sample('2026-03-31T22:40:00Z', 'eu-north', { lossPercent: 5 }));
    expect(acc.results()).toEqual([
      { region: 'eu-north', period: '2026-Q1', measured: 190, samples: 20 },
      { region: 'na-east', period: '2026-Q1', measured: 400, samples: 1 },
      { region: 'eu-north', period: '2026-Q2', measured: 999, samples: 1 },
    ]);
  });

  it('counts an interval as lossy only above lossAbove', () => {
    const loss = objective({ id: 'packet-loss', metric: 'lossy_interval_ratio', target: { unit: 'ratio', value: 0.005 }, direction: 'atMost', lossAbove: 0.02, perRegion: true });
    const acc = new CallQualityAccumulator({ objective: loss, timezone: 'UTC' });
    [0.4, 2, 2.1, 7, 0, 1.9, 0.1, 0.2].forEach((lossPercent) => acc.add(sample('2026-03-05T10:00:00Z', 'eu-west', { lossPercent, intervalSeconds: 10 })));
    expect(acc.results()).toEqual([{ region: 'eu-west', period: '2026-03', measured: 2 / 8, samples: 8 }]);
  });

  it('pools regions for an objective that is not per region, and averages MOS', () => {
    const mos = objective({ id: 'mos', metric: 'mos_avg', target: { unit: 'score', value: 3.8 }, direction: 'atLeast', perRegion: false });
    const acc = new CallQualityAccumulator({ objective: mos, timezone: 'UTC' });
    acc.add(sample('2026-03-05T10:00:00Z', 'eu-west', { mos: 4 }));
    acc.add(sample('2026-03-05T10:00:10Z', 'na-east', { mos: 3 }));
    acc.add(sample('2026-03-05T10:00:20Z', 'na-east', { latencyMs: 100 }));
    expect(acc.results()).toEqual([{ region: null, period: '2026-03', measured: 3.5, samples: 2 }]);
  });

  it('counts failed call setups per call, not per sample', () => {
    const setup = objective({ id: 'setup', metric: 'call_setup_failure_ratio', target: { unit: 'ratio', value: 0.01 }, direction: 'atMost', perRegion: true });
    const acc = new CallQualityAccumulator({ objective: setup, timezone: 'UTC' });
    acc.add(sample('2026-03-05T10:00:00Z', 'eu-north', { setupFailed: false }, 'a'));
    acc.add(sample('2026-03-05T10:00:10Z', 'eu-north', { setupFailed: false }, 'a'));
    acc.add(sample('2026-03-05T10:00:00Z', 'eu-north', { setupFailed: true }, 'b'));
    acc.add(sample('2026-03-05T10:00:00Z', 'eu-north', { setupFailed: false }, 'c'));
    acc.add(sample('2026-03-05T10:00:00Z', 'eu-north', { setupFailed: false }, 'd'));
    acc.add(sample('2026-03-05T10:00:10Z', 'eu-north', { latencyMs: 80 }, 'e'));
    expect(acc.results()).toEqual([{ region: 'eu-north', period: '2026-03', measured: 0.25, samples: 4 }]);
  });

  it('ignores samples outside the range', () => {
    const acc = new CallQualityAccumulator({ objective: latency, timezone: 'UTC', from: utc('2026-03-01T00:00:00Z'), to: utc('2026-04-01T00:00:00Z') });
    acc.add(sample('2026-02-28T23:59:59Z', 'eu-north', { latencyMs: 1 }));
    acc.add(sample('2026-04-01T00:00:00Z', 'eu-north', { latencyMs: 2 }));
    expect(acc.results()).toEqual([]);
  });

  it('refuses metrics that do not come from call samples', () => {
    const availability = objective({ id: 'availability', metric: 'availability', target: { unit: 'ratio', value: 0.9995 }, direction: 'atLeast', perRegion: true });
    expect(() => new CallQualityAccumulator({ objective: availability, timezone: 'UTC' })).toThrow(
      /^objectives\.availability\.metric: "availability" is not measured from call-quality samples/,
    );
  });
});
