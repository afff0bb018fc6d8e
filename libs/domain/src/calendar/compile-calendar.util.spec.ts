import { meetingsCalendarSpec } from '@underpin/testing';
import type { CalendarSpec, MaintenanceSpec, WeeklyInterval } from '../catalog/catalog.model';
import { compileCalendar } from './compile-calendar.util';
import { InvalidCalendarException } from './invalid-calendar.exception';
import { alwaysCalendar } from './real-time-calendar.util';

const HOUR = 3600;
const instant = (iso: string): number => Date.parse(iso);

function everyDay(startMinute: number, endMinute: number, days = [0, 1, 2, 3, 4, 5, 6]): WeeklyInterval[] {
  return days.map((day) => ({ day: day as WeeklyInterval['day'], startMinute, endMinute }));
}

function calendar(timezone: string, weekly: WeeklyInterval[], holidays: string[] = []): CalendarSpec {
  return { id: 'test', timezone, weekly, holidays };
}

/** office-se of examples/meetings/catalog.yaml. */
const officeSe = meetingsCalendarSpec('office-se');

describe(compileCalendar.name, () => {
  describe('Europe/Stockholm around the 2026 clock changes', () => {
    // A holiday far away keeps the week engine in play instead of the real-time shortcut.
    const twentyFourSeven = compileCalendar(calendar('Europe/Stockholm', everyDay(0, 1440), ['2030-01-01']));
    const plainTwentyFourSeven = compileCalendar(calendar('Europe/Stockholm', everyDay(0, 1440)));
    const daily8to16 = compileCalendar(calendar('Europe/Stockholm', everyDay(8 * 60, 16 * 60)));

    it.each([
      ['spring-forward', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 23],
      ['fall-back', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 25],
      ['ordinary', '2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00', 24],
    ])('counts the real length of the %s day on a 24/7 calendar', (_, from, to, hours) => {
      expect(twentyFourSeven.countSeconds(instant(from), instant(to))).toBe(hours * HOUR);
      expect(plainTwentyFourSeven.countSeconds(instant(from), instant(to))).toBe(hours * HOUR);
    });

    it.each([
      ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
      ['2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00'],
    ])('keeps 08:00-16:00 at 8 h on the day starting %s', (from, to) => {
      expect(daily8to16.countSeconds(instant(from), instant(to))).toBe(8 * HOUR);
    });

    it('joins 24:00 and the next 00:00 into one stretch across the clock change', () => {
      expect(twentyFourSeven.openIntervals(instant('2026-03-27T12:00:00+01:00'), instant('2026-03-31T12:00:00+02:00'))).toEqual([
        { from: instant('2026-03-27T12:00:00+01:00'), to: instant('2026-03-31T12:00:00+02:00') },
      ]);
    });

    it('opens a skipped start time at the jump and an ambiguous one at its first occurrence', () => {
      const night = compileCalendar(calendar('Europe/Stockholm', everyDay(150, 240, [6])));
      expect(night.openIntervals(instant('2026-03-28T00:00:00Z'), instant('2026-03-30T00:00:00Z'))).toEqual([
        { from: instant('2026-03-29T03:00:00+02:00'), to: instant('2026-03-29T04:00:00+02:00') },
      ]);
      expect(night.countSeconds(instant('2026-10-24T00:00:00Z'), instant('2026-10-26T00:00:00Z'))).toBe(2.5 * HOUR);
      expect(night.isOpen(instant('2026-10-25T02:30:00+02:00'))).toBe(true);
      expect(night.isOpen(instant('2026-10-25T02:29:59+02:00'))).toBe(false);
    });
  });

  describe('office-se of the example catalogue over Christmas 2026', () => {
    const office = compileCalendar(officeSe);
    const wednesday = instant('2026-12-23T10:00:00+01:00');

    it.each([
      [6, '2026-12-23T16:00:00+01:00'],
      [24, '2026-12-30T10:00:00+01:00'],
      [30, '2026-12-30T16:00:00+01:00'],
      [32, '2027-01-01T10:00:00+01:00'],
    ])('lands %i office hours after Wednesday 10:00 at %s', (hours, expected) => {
      expect(office.addSeconds(wednesday, hours * HOUR)).toBe(instant(expected));
      expect(office.countSeconds(wednesday, instant(expected))).toBe(hours * HOUR);
    });

    it('is closed on the holidays and on the weekend between them', () => {
      expect(office.countSeconds(instant('2026-12-24T00:00:00+01:00'), instant('2026-12-28T00:00:00+01:00'))).toBe(0);
      expect(office.isOpen(instant('2026-12-31T10:00:00+01:00'))).toBe(false);
      expect(office.isOpen(instant('2026-12-30T10:00:00+01:00'))).toBe(true);
    });

    it('counts a quarter the same way whichever way it is split', () => {
      const from = instant('2026-01-01T00:00:00+01:00');
      const to = instant('2026-04-01T00:00:00+02:00');
      // 64 weekdays in Q1 2026 less the holidays on 1 and 6 January.
      expect(office.countSeconds(from, to)).toBe(62 * 8 * HOUR);
      const middle = instant('2026-02-11T13:17:00+01:00');
      expect(office.countSeconds(from, middle) + office.countSeconds(middle, to)).toBe(62 * 8 * HOUR);
    });
  });

  describe('maintenance exclusions', () => {
    const thuEvening: MaintenanceSpec = {
      id: 'thu-evening',
      timezone: 'Europe/Stockholm',
      weekly: [{ day: 3, startMinute: 16 * 60, endMinute: 20 * 60 }],
      oneOff: [{ from: instant('2026-03-02T10:00:00Z'), to: instant('2026-03-02T11:30:00Z') }],
    };
    const measured = compileCalendar(calendar('UTC', everyDay(0, 1440)), { exclusions: [thuEvening] });

    it('takes weekly windows in their own zone and one-off windows out of the open time', () => {
      // The week of Monday 2 March 2026 (UTC): 168 h less 4 h on Thursday less 1.5 h on Monday.
      expect(measured.countSeconds(instant('2026-03-02T00:00:00Z'), instant('2026-03-09T00:00:00Z'))).toBe(162.5 * HOUR);
      expect(measured.isOpen(instant('2026-03-05T15:00:00Z'))).toBe(false);
      expect(measured.isOpen(instant('2026-03-05T19:00:00Z'))).toBe(true);
      expect(measured.openIntervals(instant('2026-03-05T12:00:00Z'), instant('2026-03-05T21:00:00Z'))).toEqual([
        { from: instant('2026-03-05T12:00:00Z'), to: instant('2026-03-05T15:00:00Z') },
        { from: instant('2026-03-05T19:00:00Z'), to: instant('2026-03-05T21:00:00Z') },
      ]);
    });

    it('never reaches a count on a calendar that maintenance covers completely', () => {
      const office = calendar('Europe/Stockholm', everyDay(16 * 60, 20 * 60, [3]));
      const hidden = compileCalendar(office, { exclusions: [{ ...thuEvening, oneOff: [] }] });
      expect(hidden.countSeconds(instant('2026-01-01T00:00:00Z'), instant('2027-01-01T00:00:00Z'))).toBe(0);
      expect(hidden.addSeconds(instant('2026-01-01T00:00:00Z'), 1)).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe('bad specifications', () => {
    it.each([
      [calendar('Mars/Olympus', []), 'timezone'],
      [calendar('UTC', [{ day: 7 as never, startMinute: 0, endMinute: 60 }]), 'weekly[0].day'],
      [calendar('UTC', [{ day: 0, startMinute: 600, endMinute: 600 }]), 'weekly[0].endMinute'],
      [calendar('UTC', [{ day: 0, startMinute: 0, endMinute: 1441 }]), 'weekly[0].endMinute'],
      [calendar('UTC', [{ day: 0, startMinute: -1, endMinute: 60 }]), 'weekly[0].startMinute'],
      [calendar('UTC', [], ['2026-02-30']), 'holidays[0]'],
    ])('rejects %j naming %s', (spec, field) => {
      expect(() => compileCalendar(spec)).toThrow(InvalidCalendarException);
      expect(() => compileCalendar(spec)).toThrow(`calendar "test": ${field} `);
    });

    it('names the maintenance window that is broken', () => {
      const broken: MaintenanceSpec = { id: 'thu', timezone: 'UTC', weekly: [], oneOff: [{ from: 10, to: 5 }] };
      expect(() => compileCalendar(calendar('UTC', everyDay(0, 60)), { exclusions: [broken] })).toThrow(
        'calendar "test": exclusions[thu].oneOff[0] ',
      );
    });
  });
});

describe('alwaysCalendar', () => {
  it('counts real time and adds it back', () => {
    const from = instant('2026-03-29T00:00:00+01:00');
    expect(alwaysCalendar.countSeconds(from, from + 5000)).toBe(5);
    expect(alwaysCalendar.countSeconds(from + 5000, from)).toBe(0);
    expect(alwaysCalendar.addSeconds(from, 1.5)).toBe(from + 1500);
    expect(alwaysCalendar.isOpen(from)).toBe(true);
  });
});
