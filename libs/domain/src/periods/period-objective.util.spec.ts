import { objective } from '@underpin/testing';
import { evaluatePeriodObjective, isPeriodMetric, latencyPercentileOf } from './period-objective.util';

const availability = objective({ id: 'availability', metric: 'availability', target: { unit: 'ratio', value: 0.9995 }, direction: 'atLeast', perRegion: true });

describe(evaluatePeriodObjective.name, () => {
  it('reports availability in percent and misses below the target', () => {
    expect(evaluatePeriodObjective(availability, 0.9993)).toEqual({
      measured: 0.9993,
      value: 99.93,
      target: 99.95,
      direction: 'atLeast',
      met: false,
    });
  });

  it('counts a figure on the target as met despite rounding in its computation', () => {
    // 7 minutes down in 100 is exactly 93 %, but 1 − 7/100 computes as 0.9299999999999999.
    const ninetyThree = { ...availability, target: { unit: 'ratio' as const, value: 0.93 } };
    const measured = 1 - 7 / 100;
    expect(measured).toBeLessThan(0.93);
    expect(evaluatePeriodObjective(ninetyThree, measured)).toMatchObject({ value: 93, met: true });
    expect(evaluatePeriodObjective(ninetyThree, 0.92999).met).toBe(false);
  });

  it('compares latency in ms and ratios of bad things from above', () => {
    const latency = objective({ id: 'latency', metric: 'latency_p95', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost', perRegion: true });
    expect(evaluatePeriodObjective(latency, 250)).toMatchObject({ value: 250, target: 250, met: true });
    expect(evaluatePeriodObjective(latency, 251).met).toBe(false);
    const loss = objective({ id: 'packet-loss', metric: 'lossy_interval_ratio', target: { unit: 'ratio', value: 0.005 }, direction: 'atMost', lossAbove: 0.02, perRegion: true });
    expect(evaluatePeriodObjective(loss, 0.006)).toMatchObject({ value: 0.6, target: 0.5, met: false });
  });

  it('names the objective when it cannot be evaluated per period', () => {
    const response = objective({ id: 'p1-response', metric: 'response_time', target: { unit: 'seconds', value: 900 }, direction: 'atMost', perRegion: true });
    expect(() => evaluatePeriodObjective(response, 1)).toThrow(/^objectives\.p1-response\.metric: "response_time" is measured per incident/);
    const wrongUnit = { ...availability, target: { unit: 'milliseconds' as const, value: 5 } };
    expect(() => evaluatePeriodObjective(wrongUnit, 1)).toThrow(/^objectives\.availability\.target: availability needs a target in ratio/);
    expect(() => evaluatePeriodObjective(availability, Number.NaN)).toThrow(/^objectives\.availability\.value/);
  });
});

describe(latencyPercentileOf.name, () => {
  it('reads the percentile from the metric name', () => {
    expect(latencyPercentileOf('latency_p95')).toBe(95);
    expect(latencyPercentileOf('latency_p99.9')).toBe(99.9);
    expect(latencyPercentileOf('availability')).toBeUndefined();
    expect(isPeriodMetric('latency_p98')).toBe(true);
    expect(isPeriodMetric('rto')).toBe(false);
  });
});
