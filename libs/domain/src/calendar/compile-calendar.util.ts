import type { CalendarSpec, MaintenanceSpec, WeeklyInterval } from '../catalog/catalog.model';
import type { BusinessCalendar } from './business-calendar.type';
import { CalendarWeekBuilder, MaintenanceExclusions, type WeeklyExclusion, type WeeklyPattern } from './calendar-week.util';
import { MS_PER_DAY, parseIsoDate } from './civil-date.util';
import { InvalidCalendarException } from './invalid-calendar.exception';
import { unionIntervals } from './interval.util';
import { RealTimeCalendar } from './real-time-calendar.util';
import { isValidTimeZone, zoneOffsets } from './time-zone.util';
import { WeeklyCalendar } from './weekly-calendar.util';

export interface CompileCalendarOptions {
  /** Maintenance windows taken out of the open time (availability with excludeMaintenance). */
  exclusions?: readonly MaintenanceSpec[];
}

const MINUTES_PER_DAY = 1440;

/**
 * Resolves a calendar specification into a BusinessCalendar. Compile each calendar once and
 * share it: the result caches the weeks it has resolved.
 *
 * Wall times are read in the calendar's zone. Each weekly interval runs from the instant of
 * its start to the instant of its end on that local date, so Mon 08:00-16:00 lasts 8 h on
 * any day, while 00:00-24:00 lasts the real length of the day (23 h or 25 h when the clocks
 * change). A wall time the clocks skip stands for the instant of the jump; one they pass
 * twice stands for its first occurrence. Intervals that touch (Mon 24:00 and Tue 00:00, or
 * overlapping ones on one day) join into one open stretch. Holidays close whole local days.
 *
 * @throws InvalidCalendarException naming the field when the spec or an exclusion is invalid.
 */
export function compileCalendar(spec: CalendarSpec, options: CompileCalendarOptions = {}): BusinessCalendar {
  const id = spec.id;
  if (!isValidTimeZone(spec.timezone)) {
    throw new InvalidCalendarException(id, 'timezone', `"${spec.timezone}" is not a known IANA time zone`);
  }
  const pattern = weeklyPattern(id, 'weekly', spec.weekly);
  const holidays = new Set<number>();
  spec.holidays.forEach((holiday, i) => {
    const day = typeof holiday === 'string' ? parseIsoDate(holiday) : undefined;
    if (day === undefined) throw new InvalidCalendarException(id, `holidays[${i}]`, `"${holiday}" is not a YYYY-MM-DD date`);
    holidays.add(day);
  });

  const weeklyExclusions: WeeklyExclusion[] = [];
  const oneOff: number[] = [];
  for (const maintenance of options.exclusions ?? []) {
    const field = `exclusions[${maintenance.id}]`;
    if (!isValidTimeZone(maintenance.timezone)) {
      throw new InvalidCalendarException(id, `${field}.timezone`, `"${maintenance.timezone}" is not a known IANA time zone`);
    }
    const exclusionPattern = weeklyPattern(id, `${field}.weekly`, maintenance.weekly);
    if (exclusionPattern.some((minutes) => minutes.length > 0)) {
      weeklyExclusions.push({ zone: zoneOffsets(maintenance.timezone), pattern: exclusionPattern });
    }
    maintenance.oneOff.forEach((window, i) => {
      if (!Number.isFinite(window.from) || !Number.isFinite(window.to) || window.to < window.from) {
        throw new InvalidCalendarException(id, `${field}.oneOff[${i}]`, 'needs finite instants with to >= from');
      }
      oneOff.push(window.from, window.to);
    });
  }

  const excludes = weeklyExclusions.length > 0 || oneOff.length > 0;
  const fullWeek = pattern.every((minutes) => minutes.length === 2 && minutes[0] === 0 && minutes[1] === MINUTES_PER_DAY);
  if (fullWeek && holidays.size === 0 && !excludes) return new RealTimeCalendar(id);

  const exclusions = excludes ? new MaintenanceExclusions(weeklyExclusions, oneOff) : undefined;
  let lastHoliday = -Infinity;
  for (const day of holidays) lastHoliday = Math.max(lastHoliday, day);
  const lastIrregularAt = Math.max((lastHoliday + 2) * MS_PER_DAY, exclusions?.lastIrregularAt ?? -Infinity);
  const builder = new CalendarWeekBuilder(zoneOffsets(spec.timezone), pattern, holidays, exclusions);
  return new WeeklyCalendar(id, builder, lastIrregularAt);
}

function weeklyPattern(calendarId: string, field: string, intervals: WeeklyInterval[]): WeeklyPattern {
  const perDay: number[][] = [[], [], [], [], [], [], []];
  intervals.forEach((interval, i) => {
    const { day, startMinute, endMinute } = interval;
    const at = `${field}[${i}]`;
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new InvalidCalendarException(calendarId, `${at}.day`, `must be 0 (Monday) to 6 (Sunday), got ${day}`);
    }
    if (!Number.isInteger(startMinute) || startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
      throw new InvalidCalendarException(calendarId, `${at}.startMinute`, `must be a whole minute from 00:00 to 23:59, got ${startMinute}`);
    }
    if (!Number.isInteger(endMinute) || endMinute <= startMinute || endMinute > MINUTES_PER_DAY) {
      throw new InvalidCalendarException(calendarId, `${at}.endMinute`, `must be a whole minute after the start, up to 24:00, got ${endMinute}`);
    }
    perDay[day].push(startMinute, endMinute);
  });
  return perDay.map(unionIntervals);
}
