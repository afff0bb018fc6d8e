import { formatCatalogDuration, formatReadableDuration } from './format-duration.util';

describe(formatCatalogDuration.name, () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [90, '1m30s'],
    [15 * 60, '15m'],
    [5_400, '1h30m'],
    [4 * 3_600 + 13 * 60 + 20, '4h13m20s'],
    [36 * 3_600, '1d12h'],
    [86_400, '1d'],
    [2 * 86_400 + 3_600 + 1, '2d1h1s'],
    [5 * 86_400 + 20 * 3_600 + 30 * 60, '5d20h30m'],
    [14 * 86_400, '14d'],
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(formatCatalogDuration(seconds)).toBe(text);
  });

  it('rounds to the second and writes less than nothing as 0s', () => {
    expect(formatCatalogDuration(89.6)).toBe('1m30s');
    expect(formatCatalogDuration(0.4)).toBe('0s');
    expect(formatCatalogDuration(-30)).toBe('0s');
  });
});

describe(formatReadableDuration.name, () => {
  it.each([
    [0, '0 m'],
    [45, '45 s'],
    [19 * 60, '19 m'],
    [7_200, '2 h'],
    [2 * 3_600 + 42 * 60, '2 h 42 m'],
    [26 * 3_600 + 30, '26 h 30 s'],
    [-5, '0 m'],
  ])('%p s reads %p', (seconds, text) => {
    expect(formatReadableDuration(seconds)).toBe(text);
  });
});
