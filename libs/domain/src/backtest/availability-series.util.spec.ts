import { alwaysCalendar } from '../calendar';
import { AvailabilitySeries, type AvailabilitySeriesOptions } from './availability-series.util';

const utc = (text: string) => Date.parse(text);
const DAY = 86_400;

function series(options: Partial<AvailabilitySeriesOptions> = {}): AvailabilitySeries {
  return new AvailabilitySeries({
    calendar: alwaysCalendar,
    window: 'month',
    timezone: 'UTC',
    lower: -Infinity,
    upper: Infinity,
    fromLower: false,
    ...options,
  });
}

const figures = (s: AvailabilitySeries, last: number) =>
  s.results(last).map(({ period, measuredSeconds, downSeconds }) => [period, measuredSeconds, downSeconds]);

describe(AvailabilitySeries.name, () => {
  it('carries the last probe through a period without probes', () => {
    const s = series();
    s.add(utc('2026-01-10T00:00:00Z'), true);
    s.add(utc('2026-01-31T12:00:00Z'), false);
    s.add(utc('2026-03-02T00:00:00Z'), true);
    expect(figures(s, utc('2026-03-15T00:00:00Z'))).toEqual([
      ['2026-01', 31 * DAY, DAY / 2],
      ['2026-02', 28 * DAY, 28 * DAY],
      ['2026-03', 31 * DAY, DAY],
    ]);
  });

  it('starts at the period of the first probe, counting the time before it as up', () => {
    const s = series({ window: 'quarter' });
    s.add(utc('2026-03-31T23:00:00Z'), false);
    expect(figures(s, utc('2026-03-31T23:30:00Z'))).toEqual([['2026-Q1', 90 * DAY, 3_600]]);
  });

  it('measures only inside [lower, upper), letting an earlier probe set the starting state', () => {
    const s = series({ lower: utc('2026-02-01T00:00:00Z'), upper: utc('2026-02-11T00:00:00Z') });
    s.add(utc('2026-01-31T00:00:00Z'), false);
    s.add(utc('2026-02-03T00:00:00Z'), true);
    s.add(utc('2026-02-20T00:00:00Z'), false);
    expect(figures(s, utc('2026-12-31T00:00:00Z'))).toEqual([['2026-02', 10 * DAY, 2 * DAY]]);
  });

  it('reports the asked range from its start even before any probe when told to', () => {
    const s = series({ lower: utc('2026-01-15T00:00:00Z'), fromLower: true });
    s.add(utc('2026-02-01T00:00:00Z'), false);
    expect(figures(s, utc('2026-02-02T00:00:00Z'))).toEqual([
      ['2026-01', 17 * DAY, 0],
      ['2026-02', 28 * DAY, 28 * DAY],
    ]);
  });

  it('reports nothing for a series that never received a probe', () => {
    expect(series().results(utc('2026-02-02T00:00:00Z'))).toEqual([]);
  });
});
