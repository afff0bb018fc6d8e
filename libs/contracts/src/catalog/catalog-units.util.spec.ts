import fc from 'fast-check';
import { isKnownTimezone, parseDuration, parseMilliseconds, parsePercent } from './catalog-units.util';
import { closestMatch, editDistance } from './did-you-mean.util';
import { isIsoDate, parseIsoInstant } from './iso-time.util';
import { parseDayKey, parseInterval } from './weekly-intervals.util';

describe('catalogue units', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['4h', 14_400],
    ['1h30m', 5_400],
    ['2d', 172_800],
    ['1d2h3m4s', 93_784],
  ])('reads the duration %s as %d counted seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '15', 'm', '1.5h', '4h 30m', '30m4h', '15min', '-5m', '4H'])('rejects the duration %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads any d/h/m/s combination as days × 86400 + hours × 3600 + minutes × 60 + seconds', () => {
    const part = fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined });
    fc.assert(
      fc.property(part, part, part, part, (d, h, m, s) => {
        fc.pre([d, h, m, s].some((x) => x !== undefined));
        const text = [d, h, m, s].map((value, i) => (value === undefined ? '' : `${value}${'dhms'[i]}`)).join('');
        expect(parseDuration(text)).toBe((d ?? 0) * 86_400 + (h ?? 0) * 3_600 + (m ?? 0) * 60 + (s ?? 0));
      }),
    );
  });

  it('reads percentages as exact ratios', () => {
    expect(parsePercent('99.95%')).toBe(0.9995);
    expect(parsePercent('0.5%')).toBe(0.005);
    expect(parsePercent('100%')).toBe(1);
    expect(parsePercent('99.95')).toBeUndefined();
    expect(parsePercent('%')).toBeUndefined();
    expect(parsePercent('-1%')).toBeUndefined();
  });

  it('reads a percentage to the same double as the decimal fraction it denotes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }), (whole, fraction) => {
        const decimals = String(fraction).padStart(4, '0');
        expect(parsePercent(`${whole}.${decimals}%`)).toBe(Number(`0.${String(whole).padStart(2, '0')}${decimals}`));
      }),
    );
  });

  it('reads milliseconds', () => {
    expect(parseMilliseconds('250ms')).toBe(250);
    expect(parseMilliseconds('12.5ms')).toBe(12.5);
    expect(parseMilliseconds('250')).toBeUndefined();
    expect(parseMilliseconds('0.25s')).toBeUndefined();
  });

  it('accepts real dates only', () => {
    expect(isIsoDate('2026-12-24')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('reads instants with their offset and refuses those without one', () => {
    expect(parseIsoInstant('2026-03-03T09:12:00+01:00')).toBe(Date.UTC(2026, 2, 3, 8, 12));
    expect(parseIsoInstant('2026-03-03T09:12:00Z')).toBe(Date.UTC(2026, 2, 3, 9, 12));
    expect(parseIsoInstant('2026-03-03T01:00-05:30')).toBe(Date.UTC(2026, 2, 3, 6, 30));
    expect(parseIsoInstant('2026-03-03T09:12:00.123456Z')).toBe(Date.UTC(2026, 2, 3, 9, 12, 0, 123));
    expect(parseIsoInstant('2026-03-03T09:12:00')).toBeUndefined();
    expect(parseIsoInstant('2026-03-03 09:12:00Z')).toBeUndefined();
    expect(parseIsoInstant('2026-02-30T09:12:00Z')).toBeUndefined();
    expect(parseIsoInstant('2026-03-03T24:00:00Z')).toBeUndefined();
  });

  it('agrees with Date for every instant it accepts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 4, max: 14 * 4 }),
        (date, quarterHours) => {
          const offset = quarterHours * 15;
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseIsoInstant(text)).toBe(date.getTime());
        },
      ),
    );
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimezone('Europe/Stockholm')).toBe(true);
    expect(isKnownTimezone('UTC')).toBe(true);
    expect(isKnownTimezone('Europe/Stockhlm')).toBe(false);
    expect(isKnownTimezone('Mars/Olympus')).toBe(false);
  });

  it('reads day keys as forward ranges of weekdays', () => {
    expect(parseDayKey('mon-fri')).toEqual([0, 1, 2, 3, 4]);
    expect(parseDayKey('sun')).toEqual([6]);
    expect(parseDayKey('fri-mon')).toEqual({ problem: expect.stringContaining('runs forward') });
    expect(parseDayKey('mon-fry')).toEqual({ problem: expect.stringContaining('did you mean "fri"') });
  });

  it('reads intervals in minutes, allows 24:00 as an end and refuses empty or reversed ones', () => {
    expect(parseInterval('08:00-16:00')).toEqual({ startMinute: 480, endMinute: 960 });
    expect(parseInterval('00:00-24:00')).toEqual({ startMinute: 0, endMinute: 1440 });
    expect(parseInterval('24:00-24:00')).toHaveProperty('problem');
    expect(parseInterval('16:00-08:00')).toHaveProperty('problem');
    expect(parseInterval('08:00-08:00')).toHaveProperty('problem');
    expect(parseInterval('8:00-16:00')).toHaveProperty('problem');
    expect(parseInterval('08:60-16:00')).toHaveProperty('problem');
    expect(parseInterval('08:00-24:30')).toHaveProperty('problem');
  });

  it('suggests near misses and nothing for unrelated words', () => {
    expect(editDistance('tagret', 'target')).toBe(1);
    expect(closestMatch('targt', ['target', 'metric'])).toBe('target');
    expect(closestMatch('office-sr', ['always', 'office-se', 'office-dk'])).toBe('office-se');
    expect(closestMatch('zzz', ['target', 'metric'])).toBeUndefined();
  });
});
