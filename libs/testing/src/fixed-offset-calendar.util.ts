import type { BusinessCalendar, EpochMs, Seconds, WeeklyInterval } from '@underpin/domain';
import { EVERY_DAY, MONDAY_TO_FRIDAY, weekdays } from './catalog-builder.util';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * A deliberately simple calendar for specs: weekly intervals and holidays in a zone with a
 * fixed UTC offset (no DST), walked day by day. The clocks are written against the
 * BusinessCalendar interface; this one lets their specs state expectations in plain
 * arithmetic, independent of the production calendar engine.
 */
export function fixedOffsetCalendar(spec: {
  id: string;
  offsetMinutes?: number;
  weekly: WeeklyInterval[];
  holidays?: string[];
}): BusinessCalendar {
  const offsetMs = (spec.offsetMinutes ?? 0) * MINUTE_MS;
  const holidays = new Set(spec.holidays ?? []);
  const byDay: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  for (const interval of spec.weekly) byDay[interval.day].push([interval.startMinute * MINUTE_MS, interval.endMinute * MINUTE_MS]);
  for (const day of byDay) day.sort((a, b) => a[0] - b[0]);

  // Open stretches of one local day, as UTC instants.
  const dayIntervals = (dayNumber: number): Array<[number, number]> => {
    const localMidnight = dayNumber * DAY_MS;
    if (holidays.has(new Date(localMidnight).toISOString().slice(0, 10))) return [];
    const weekday = (((dayNumber + 3) % 7) + 7) % 7;
    return byDay[weekday].map(([start, end]) => [localMidnight + start - offsetMs, localMidnight + end - offsetMs]);
  };
  const dayOf = (at: EpochMs): number => Math.floor((at + offsetMs) / DAY_MS);
  const hasOpening = spec.weekly.some((interval) => interval.endMinute > interval.startMinute);

  const openIntervals = (from: EpochMs, to: EpochMs): Array<{ from: EpochMs; to: EpochMs }> => {
    const result: Array<{ from: EpochMs; to: EpochMs }> = [];
    if (to <= from) return result;
    for (let day = dayOf(from); day <= dayOf(to); day++) {
      for (const [start, end] of dayIntervals(day)) {
        const a = Math.max(start, from);
        const b = Math.min(end, to);
        if (b <= a) continue;
        const last = result[result.length - 1];
        if (last && last.to === a) last.to = b;
        else result.push({ from: a, to: b });
      }
    }
    return result;
  };

  return {
    id: spec.id,
    countSeconds(from: EpochMs, to: EpochMs): Seconds {
      let ms = 0;
      for (const interval of openIntervals(from, to)) ms += interval.to - interval.from;
      return ms / 1000;
    },
    addSeconds(from: EpochMs, seconds: Seconds): EpochMs {
      let left = seconds * 1000;
      if (left <= 0) return from;
      if (!hasOpening) throw new RangeError(`calendar ${spec.id}: never open`);
      for (let day = dayOf(from); ; day++) {
        for (const [start, end] of dayIntervals(day)) {
          const a = Math.max(start, from);
          if (end <= a) continue;
          if (end - a >= left) return a + left;
          left -= end - a;
        }
      }
    },
    isOpen(at: EpochMs): boolean {
      return dayIntervals(dayOf(at)).some(([start, end]) => start <= at && at < end);
    },
    openIntervals,
  };
}

/** All the time there is. */
export const utcAlways = fixedOffsetCalendar({ id: 'always', weekly: weekdays(EVERY_DAY, 0, 24) });

/** Office hours, Monday to Friday 08:00–16:00 local time, `offsetMinutes` east of UTC, closed on `holidays`. */
export function officeCalendar({ offsetMinutes = 0, holidays = [] }: { offsetMinutes?: number; holidays?: string[] } = {}): BusinessCalendar {
  return fixedOffsetCalendar({ id: 'office', offsetMinutes, weekly: weekdays(MONDAY_TO_FRIDAY, 8, 16), holidays });
}
