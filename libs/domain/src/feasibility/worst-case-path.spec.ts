import fc from 'fast-check';
import { alwaysCalendar, compileCalendar } from '../calendar';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { worstCasePath } from './worst-case-path.util';

const HOUR = 3_600;
const weekdays = (from: number, to: number, days = [0, 1, 2, 3, 4]) =>
  days.map((day) => ({ day: day as 0, startMinute: from, endMinute: to }));

const officeSe = compileCalendar({
  id: 'office-se',
  timezone: 'Europe/Stockholm',
  weekly: weekdays(480, 960),
  holidays: ['2026-04-03', '2026-04-06'],
});
// Two stretches on Wednesdays, so a step can spill a moment past one closing into the next.
const officeNy = compileCalendar({
  id: 'office-ny',
  timezone: 'America/New_York',
  weekly: [...weekdays(540, 1020), ...weekdays(0, 120, [2])],
  holidays: [],
});
const weekends = compileCalendar({ id: 'weekends', timezone: 'UTC', weekly: weekdays(600, 1200, [5, 6]), holidays: [] });

describe(worstCasePath.name, () => {
  const march = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 1) };

  it('takes exactly the sum of the targets when every calendar is always open', () => {
    const steps = [0.25, 2, 1.5].map((hours) => ({ seconds: hours * HOUR, calendar: alwaysCalendar }));
    expect(worstCasePath(steps, alwaysCalendar, march).counted).toBe(3.75 * HOUR);
  });

  it('finds four office hours handed over as the office closes on a Friday ending on Monday noon', () => {
    const week = { from: Date.UTC(2026, 2, 2), to: Date.UTC(2026, 2, 9) };
    const worst = worstCasePath([{ seconds: 4 * HOUR, calendar: officeSe }], alwaysCalendar, week);
    expect(worst.startAt).toBe(Date.UTC(2026, 2, 6, 15));
    expect(worst.counted).toBe(68 * HOUR);
  });

  it('counts office work on an office calendar as exactly its targets', () => {
    const steps = [{ seconds: 4 * HOUR, calendar: officeSe }, { seconds: 8 * HOUR, calendar: officeSe }];
    expect(worstCasePath(steps, officeSe, march).counted).toBe(12 * HOUR);
  });

  it('is never exceeded by the path started at any other instant', () => {
    const calendars: BusinessCalendar[] = [alwaysCalendar, officeSe, officeNy, weekends];
    const step = fc.record({
      seconds: fc.integer({ min: 60, max: 40 * HOUR }),
      calendar: fc.constantFrom(...calendars),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...calendars),
        fc.integer({ min: march.from, max: march.to - 1 }),
        (steps, measuredOn, start) => {
          const worst = worstCasePath(steps, measuredOn, march);
          let end = start;
          for (const { seconds, calendar } of steps) end = calendar.addSeconds(end, seconds);
          // The search works to the second.
          expect(measuredOn.countSeconds(start, end)).toBeLessThanOrEqual(worst.counted + 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
