import { utc } from './utc-instant.util';

describe(utc.name, () => {
  it('reads a time without a zone as UTC, and one with a zone as written', () => {
    expect(utc('2026-03-03T09:12:00')).toBe(Date.UTC(2026, 2, 3, 9, 12));
    expect(utc('2026-03-03T09:12:00Z')).toBe(Date.UTC(2026, 2, 3, 9, 12));
    expect(utc('2026-03-03T10:12:00+01:00')).toBe(Date.UTC(2026, 2, 3, 9, 12));
    expect(utc('2026-03-03')).toBe(Date.UTC(2026, 2, 3));
  });

  it('fails on a text that is no instant instead of giving NaN', () => {
    expect(() => utc('3 March')).toThrow('utc: not an ISO instant: 3 March');
  });
});
