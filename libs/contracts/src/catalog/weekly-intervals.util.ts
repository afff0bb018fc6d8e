import type { WeeklyInterval, Weekday } from '@underpin/domain';
import { didYouMean } from './did-you-mean.util';
import { entries, report, words, type Cursor } from './yaml-cursor.util';

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_RANGE = /^([a-z]{3})(?:-([a-z]{3}))?$/;
const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const INTERVAL_EXPECTATION = 'expected a time interval like "08:00-16:00"';

/** The days a key like `mon-fri` or `sat` names, or why it names none. */
export function parseDayKey(key: string): Weekday[] | { problem: string } {
  const match = DAY_RANGE.exec(key);
  const first = match ? DAY_KEYS.indexOf(match[1] as (typeof DAY_KEYS)[number]) : -1;
  const last = match?.[2] === undefined ? first : DAY_KEYS.indexOf(match[2] as (typeof DAY_KEYS)[number]);
  if (match === null || first < 0 || last < 0) {
    const bad = key.split('-').find((part) => !(DAY_KEYS as readonly string[]).includes(part)) ?? key;
    return { problem: `expected a day or day range like "mon-fri"; "${bad}" is not a day${didYouMean(bad, DAY_KEYS)}` };
  }
  if (last < first) return { problem: `a day range runs forward through the week, like "mon-fri"; got "${key}"` };
  const days: Weekday[] = [];
  for (let day = first; day <= last; day++) days.push(day as Weekday);
  return days;
}

/** Minutes of a wall-clock `HH:MM-HH:MM`; `24:00` may end an interval, so a day can be covered whole. */
export function parseInterval(text: string): { startMinute: number; endMinute: number } | { problem: string } {
  const match = INTERVAL.exec(text);
  if (match === null) return { problem: INTERVAL_EXPECTATION };
  const [sh, sm, eh, em] = match.slice(1).map(Number);
  const startValid = sh <= 23 && sm <= 59;
  const endValid = (eh <= 23 && em <= 59) || (eh === 24 && em === 0);
  if (!startValid || !endValid) return { problem: `${INTERVAL_EXPECTATION}, with times from 00:00 to 24:00` };
  const startMinute = sh * 60 + sm;
  const endMinute = eh * 60 + em;
  if (startMinute >= endMinute) {
    return { problem: `the interval must end after it starts; split one that crosses midnight over two days` };
  }
  return { startMinute, endMinute };
}

/**
 * `{ mon-fri: ["08:00-16:00"], sat: ["10:00-14:00"] }` as intervals sorted by day and start.
 * The schema walk has judged each key and interval alone; what is left is how they sit
 * together. Overlaps are errors rather than merged, because they are almost always a typo
 * and would otherwise count the same hour twice in someone's mental model of the calendar.
 */
export function readWeekly(cursor: Cursor | undefined): WeeklyInterval[] {
  const found: Array<{ interval: WeeklyInterval; at: Cursor }> = [];
  for (const [key, value] of entries(cursor)) {
    const days = parseDayKey(key);
    if (!Array.isArray(days)) continue;
    for (const item of words(value)) {
      const parsed = parseInterval(item.value);
      if ('problem' in parsed) continue;
      for (const day of days) found.push({ interval: { day, ...parsed }, at: item.at });
    }
  }
  found.sort((a, b) => a.interval.day - b.interval.day || a.interval.startMinute - b.interval.startMinute);
  const intervals: WeeklyInterval[] = [];
  for (const entry of found) {
    const previous = intervals[intervals.length - 1];
    if (previous && previous.day === entry.interval.day && entry.interval.startMinute < previous.endMinute) {
      report(entry.at, `overlaps ${formatInterval(previous)} on ${DAY_NAMES[previous.day]}`);
      continue;
    }
    intervals.push(entry.interval);
  }
  return intervals;
}

export function formatInterval(interval: { startMinute: number; endMinute: number }): string {
  return `${formatMinute(interval.startMinute)}-${formatMinute(interval.endMinute)}`;
}

function formatMinute(minute: number): string {
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}
