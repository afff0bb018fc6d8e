import fc from 'fast-check';
import { MeanAccumulator, PercentileAccumulator, RatioAccumulator, SampleBuffer, nearestRank } from './percentile.util';

describe(nearestRank.name, () => {
  it('picks the value at rank ceil(p/100 × N)', () => {
    const sorted = [15, 20, 35, 40, 50];
    expect(nearestRank(sorted, 5)).toBe(15);
    expect(nearestRank(sorted, 30)).toBe(20);
    expect(nearestRank(sorted, 40)).toBe(20);
    expect(nearestRank(sorted, 50)).toBe(35);
    expect(nearestRank(sorted, 100)).toBe(50);
    expect(nearestRank(sorted, 0)).toBe(15);
  });

  it('does not let floating point push a whole rank up', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(nearestRank(oneToTwenty, 95)).toBe(19);
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(oneToHundred, 95)).toBe(95);
    expect(nearestRank(oneToHundred, 98)).toBe(98);
    expect(nearestRank(oneToHundred, 99.9)).toBe(100);
  });

  it('gives undefined without samples and names a bad percentile', () => {
    expect(nearestRank([], 95)).toBeUndefined();
    expect(() => nearestRank([1], 101)).toThrow(/^percentile: expected a number from 0 to 100, got 101/);
  });
});

describe(PercentileAccumulator.name, () => {
  it('keeps groups apart and grows past its first buffer', () => {
    const acc = new PercentileAccumulator();
    for (let i = 1000; i >= 1; i--) acc.add('eu-north|2026-Q1', i);
    acc.add('na-east|2026-Q1', 300);
    expect(acc.count('eu-north|2026-Q1')).toBe(1000);
    expect(acc.percentile('eu-north|2026-Q1', 95)).toBe(950);
    expect(acc.percentile('na-east|2026-Q1', 95)).toBe(300);
    expect(acc.percentile('eu-west|2026-Q1', 95)).toBeUndefined();
    expect(acc.groups().sort()).toEqual(['eu-north|2026-Q1', 'na-east|2026-Q1']);
  });

  it('equals the nearest rank of the sorted samples, added in any order and asked at any time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const acc = new PercentileAccumulator();
          const half = Math.floor(values.length / 2);
          values.slice(0, half).forEach((v) => acc.add('g', v));
          acc.percentile('g', 50);
          values.slice(half).forEach((v) => acc.add('g', v));
          // Reference: the smallest sample with at least p % of all samples at or below it.
          const sorted = [...values].sort((a, b) => a - b);
          const reference = sorted.find((v) => sorted.filter((x) => x <= v).length * 100 >= p * values.length);
          expect(acc.percentile('g', p)).toBe(reference);
        },
      ),
    );
  });

  it('rejects a sample that is not a number', () => {
    expect(() => new PercentileAccumulator().add('g', Number.NaN)).toThrow(/^value: expected a finite number/);
  });
});

describe(SampleBuffer.name, () => {
  it('sorts once and stays sorted while samples arrive in order', () => {
    const buffer = new SampleBuffer();
    [3, 1, 2].forEach((v) => buffer.push(v));
    expect([...buffer.ascending()]).toEqual([1, 2, 3]);
    buffer.push(4);
    buffer.push(0.5);
    expect([...buffer.ascending()]).toEqual([0.5, 1, 2, 3, 4]);
    expect(buffer.size).toBe(5);
  });
});

describe(RatioAccumulator.name, () => {
  it('gives bad over all per group', () => {
    const acc = new RatioAccumulator();
    [true, false, false, false].forEach((bad) => acc.add('g', bad));
    expect(acc.ratio('g')).toBe(0.25);
    expect(acc.count('g')).toBe(4);
    expect(acc.ratio('other')).toBeUndefined();
  });
});

describe(MeanAccumulator.name, () => {
  it('averages per group', () => {
    const acc = new MeanAccumulator();
    [4.1, 3.9, 4.4].forEach((v) => acc.add('g', v));
    expect(acc.mean('g')).toBeCloseTo(4.1333333, 6);
    expect(acc.mean('other')).toBeUndefined();
  });
});
