import { formatHours, formatPercent } from './feasibility-format.util';

describe(formatPercent.name, () => {
  it.each([
    [0.9995 * 0.999 * 0.999, 2, '99.75 %'],
    [0.999, 3, '99.9 %'],
    [1, 3, '100 %'],
    [1, 0, '100 %'],
    [0.771, 1, '77.1 %'],
  ])('writes %p with at most %p decimals as %p', (ratio, decimals, text) => {
    expect(formatPercent(ratio, decimals)).toBe(text);
  });
});

describe(formatHours.name, () => {
  it('separates thousands for yearly totals', () => {
    expect(formatHours(8760 * 3600)).toBe('8 760 h');
    expect(formatHours(40 * 3600)).toBe('40 h');
  });
});
