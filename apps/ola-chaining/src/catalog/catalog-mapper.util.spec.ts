import { formatTarget, toWeeklyModel } from './catalog-mapper.util';

describe(formatTarget.name, () => {
  it('writes targets the way the catalogue does', () => {
    expect(formatTarget({ unit: 'seconds', value: 4 * 3600 })).toBe('4h');
    expect(formatTarget({ unit: 'seconds', value: 5400 })).toBe('1h30m');
    expect(formatTarget({ unit: 'ratio', value: 0.9995 })).toBe('99.95%');
    expect(formatTarget({ unit: 'ratio', value: 0.005 })).toBe('0.5%');
    expect(formatTarget({ unit: 'milliseconds', value: 250 })).toBe('250ms');
    expect(formatTarget({ unit: 'score', value: 3.5 })).toBe('3.5');
  });
});

describe(toWeeklyModel.name, () => {
  it('names the day and writes local clock times, 24:00 included', () => {
    expect(toWeeklyModel({ day: 3, startMinute: 16 * 60, endMinute: 20 * 60 })).toEqual({ day: 'thu', from: '16:00', to: '20:00' });
    expect(toWeeklyModel({ day: 6, startMinute: 0, endMinute: 1440 })).toEqual({ day: 'sun', from: '00:00', to: '24:00' });
  });
});
