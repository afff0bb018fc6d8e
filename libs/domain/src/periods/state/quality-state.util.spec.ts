import type { CallQualitySample } from '../../catalog/events.model';
import { objective } from '@underpin/testing';
import { periodFromKey } from '../period.util';
import type { QualityFigure } from './period-state.type';
import { addSamples, createPeriodState, mergePeriodStates, periodFigure } from './period-state.util';
import { histogramPercentile } from './quality-state.util';

const march = periodFromKey('2026-03', 'UTC');
const AT = Date.parse('2026-03-05T10:00:00Z');

function call(fields: Partial<CallQualitySample>, call = 'c-1', at = AT): CallQualitySample {
  return { type: 'call.quality', at, service: 'video', region: 'eu-west', call, ...fields };
}

function measure(metric: Parameters<typeof objective>[0], samples: CallQualitySample[]): QualityFigure {
  const state = createPeriodState(objective(metric), { service: 'video', region: 'eu-west', period: march });
  expect(addSamples(state, samples).refused).toEqual([]);
  return periodFigure(state) as QualityFigure;
}

const loss = { id: 'packet-loss', metric: 'lossy_interval_ratio' as const, target: { unit: 'ratio' as const, value: 0.005 }, direction: 'atMost' as const, lossAbove: 0.02 };

describe('lossy_interval_ratio', () => {
  it('is the share of call time in lossy intervals: (10 + 5) s of 50 s', () => {
    // Lossy: 5 % for 10 s and 3 % for 5 s; not lossy: 0.1 % for 10 s and 0.5 % for 25 s.
    const figure = measure(loss, [
      call({ lossPercent: 5, intervalSeconds: 10 }),
      call({ lossPercent: 0.1, intervalSeconds: 10 }),
      call({ lossPercent: 3, intervalSeconds: 5 }),
      call({ lossPercent: 0.5, intervalSeconds: 25 }),
    ]);
    expect([figure.measured, figure.samples, figure.coverage]).toEqual([15_000 / 50_000, 4, 1]);
  });

  it('takes an interval without intervalSeconds as 10 s, so equal intervals give the count of intervals', () => {
    const figure = measure(loss, [call({ lossPercent: 5 }), call({ lossPercent: 0.1, intervalSeconds: 10 }), call({ lossPercent: 0 }), call({ lossPercent: 2 })]);
    expect(figure.measured).toBe(1 / 4);
  });

  it('refuses an interval shorter than a millisecond', () => {
    const state = createPeriodState(objective(loss), { service: 'video', region: 'eu-west', period: march });
    expect(addSamples(state, [call({ lossPercent: 5, intervalSeconds: 0.0001 })]).refused).toEqual([
      { index: 0, reason: 'intervalSeconds: expected a length of at least a millisecond, got 0.0001' },
    ]);
  });
});

describe('mos_avg', () => {
  it('averages a sum of millionths: (4.1 + 3.9 + 4.4) / 3 from 12 400 000 / 3', () => {
    const figure = measure({ id: 'mos', metric: 'mos_avg', target: { unit: 'score', value: 3.8 }, direction: 'atLeast' }, [
      call({ mos: 4.1 }),
      call({ mos: 3.9 }),
      call({ mos: 4.4 }),
      call({ latencyMs: 80 }),
    ]);
    expect([figure.measured, figure.samples]).toEqual([12_400_000 / 3_000_000, 3]);
  });
});

describe('call_setup_failure_ratio', () => {
  it('counts each call once, failed if any of its samples says so, whatever the order', () => {
    const setup = { id: 'setup', metric: 'call_setup_failure_ratio' as const, target: { unit: 'ratio' as const, value: 0.01 }, direction: 'atMost' as const };
    const samples = [
      call({ setupFailed: false }, 'a'),
      call({ setupFailed: true }, 'a', AT + 10_000),
      call({ setupFailed: false }, 'b'),
      call({ setupFailed: false }, 'c'),
      call({ setupFailed: false }, 'constructor'),
    ];
    expect(measure(setup, samples).measured).toBe(1 / 4);
    expect(measure(setup, [...samples].reverse()).measured).toBe(1 / 4);
  });
});

describe('latency_pNN', () => {
  const p95 = { id: 'latency', metric: 'latency_p95' as const, target: { unit: 'milliseconds' as const, value: 250 }, direction: 'atMost' as const };

  it('is the exact nearest rank over counts: 10, 20, …, 200 ms give 190 at rank 19 of 20', () => {
    const figure = measure(p95, Array.from({ length: 20 }, (_, i) => call({ latencyMs: (i + 1) * 10 })));
    expect([figure.measured, figure.samples]).toEqual([190, 20]);
  });

  it('counts repeated values: 95 × 100 ms and 5 × 900 ms give 100, one more 900 gives 900', () => {
    const counts = { '100': 95, '900': 5 };
    expect(histogramPercentile(counts, 100, 95)).toBe(100);
    expect(histogramPercentile({ '100': 95, '900': 6 }, 101, 95)).toBe(900);
    expect(histogramPercentile({}, 0, 95)).toBeUndefined();
  });

  it('merges two states into the figure of all their samples', () => {
    const one = createPeriodState(objective(p95), { service: 'video', region: 'eu-west', period: march });
    const two = createPeriodState(objective(p95), { service: 'video', region: 'eu-west', period: march });
    addSamples(one, Array.from({ length: 10 }, (_, i) => call({ latencyMs: (2 * i + 1) * 10 })));
    addSamples(two, Array.from({ length: 10 }, (_, i) => call({ latencyMs: (2 * i + 2) * 10 })));
    expect(mergePeriodStates(one, two)).toEqual([]);
    expect((periodFigure(one) as QualityFigure).measured).toBe(190);
  });

  it('reports no figure when no sample carried a latency', () => {
    expect(measure(p95, [call({ mos: 4 })]).measured).toBeNull();
  });
});
