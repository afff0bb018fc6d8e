import type { EpochMs, Weekday } from '../catalog/catalog.model';
import { civilFromDays, daysFromCivil, MS_PER_DAY, MS_PER_MINUTE, weekdayOfDays } from './civil-date.util';

/**
 * IANA zone arithmetic on top of Intl. Formatting with Intl costs microseconds, so each zone
 * learns its offset transitions once per 400-day chunk (sampled daily, then bisected to
 * the second) and answers every later question from those tables.
 *
 * Limitation: two transitions less than a day apart that restore the same offset are not
 * seen; no IANA zone has had such a pair in the supported range's modern history.
 */

const CHUNK_MS = 400 * MS_PER_DAY;
/** 1000-01-01T00:00Z … 9999-12-31T23:59:59.999Z: years Intl formats with four digits. */
export const MIN_SUPPORTED_EPOCH_MS: EpochMs = -30_610_224_000_000;
export const MAX_SUPPORTED_EPOCH_MS: EpochMs = 253_402_300_799_999;

interface OffsetChunk {
  /** Transition instants inside the chunk, ascending. */
  times: number[];
  /** offsets[0] holds before times[0]; offsets[i + 1] from times[i] on. */
  offsets: number[];
}

export class ZoneOffsets {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, OffsetChunk>();

  constructor(readonly zone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local wall time minus UTC, in milliseconds, at an instant. */
  offsetAt(at: EpochMs): number {
    const chunk = this.chunk(Math.floor(at / CHUNK_MS));
    const times = chunk.times;
    let i = 0;
    while (i < times.length && at >= times[i]) i++;
    return chunk.offsets[i];
  }

  /** The first offset transition in (after, before], if any. */
  transitionIn(after: EpochMs, before: EpochMs): EpochMs | undefined {
    for (let index = Math.floor(after / CHUNK_MS); index * CHUNK_MS <= before; index++) {
      for (const time of this.chunk(index).times) {
        if (time > after && time <= before) return time;
      }
    }
    return undefined;
  }

  /**
   * The instant of a local wall time given as milliseconds on the zone's clock face
   * (day number × MS_PER_DAY + time of day). It is the earliest instant at which the zone's
   * clock shows that time or later: a time skipped by a forward jump maps to the instant
   * the jump happens, a time that occurs twice maps to its first occurrence.
   */
  wallToEpoch(wall: number): EpochMs {
    // |offset| < 1 day, so these two offsets bracket every candidate instant.
    const early = this.offsetAt(wall - MS_PER_DAY);
    const late = this.offsetAt(wall + MS_PER_DAY);
    const withEarly = wall - early;
    const earlyValid = this.offsetAt(withEarly) === early;
    if (early === late && earlyValid) return withEarly;
    const withLate = wall - late;
    const lateValid = this.offsetAt(withLate) === late;
    if (earlyValid && lateValid) return Math.min(withEarly, withLate);
    if (earlyValid) return withEarly;
    if (lateValid) return withLate;
    const jump = this.transitionIn(Math.min(withEarly, withLate), Math.max(withEarly, withLate));
    if (jump === undefined) throw new RangeError(`cannot place wall time ${wall} in time zone ${this.zone}`);
    return jump;
  }

  private chunk(index: number): OffsetChunk {
    let chunk = this.chunks.get(index);
    if (!chunk) {
      chunk = this.learnChunk(index * CHUNK_MS, (index + 1) * CHUNK_MS);
      this.chunks.set(index, chunk);
    }
    return chunk;
  }

  private learnChunk(start: number, end: number): OffsetChunk {
    if (start < MIN_SUPPORTED_EPOCH_MS - CHUNK_MS || end > MAX_SUPPORTED_EPOCH_MS + 2 * CHUNK_MS) {
      throw new RangeError(`instant ${start} is outside the supported range (years 1000-9999)`);
    }
    const times: number[] = [];
    const offsets = [this.intlOffset(start)];
    let previous = start;
    let previousOffset = offsets[0];
    for (let sample = start + MS_PER_DAY; sample <= end; sample += MS_PER_DAY) {
      const sampleOffset = this.intlOffset(sample);
      while (sampleOffset !== previousOffset) {
        const time = this.bisect(previous, previousOffset, sample);
        const offset = this.intlOffset(time);
        times.push(time);
        offsets.push(offset);
        previous = time;
        previousOffset = offset;
      }
      previous = sample;
    }
    return { times, offsets };
  }

  /** The first whole second in (low, high] whose offset differs from the one at low. */
  private bisect(low: number, lowOffset: number, high: number): number {
    let lo = low;
    let hi = high;
    while (hi - lo > 1000) {
      const mid = lo + Math.max(1, Math.floor((hi - lo) / 2000)) * 1000;
      if (this.intlOffset(mid) === lowOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private intlOffset(at: number): number {
    const second = at - (((at % 1000) + 1000) % 1000);
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let sec = 0;
    for (const part of this.formatter.formatToParts(second)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') sec = Number(part.value);
    }
    const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + sec) * 1000;
    return wall - second;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offset tables of a zone; throws a RangeError naming the zone when it is unknown. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = zones.get(zone);
  if (!offsets) {
    if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
    offsets = new ZoneOffsets(zone);
    zones.set(zone, offsets);
  }
  return offsets;
}

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Local wall time minus UTC at an instant, in milliseconds (Stockholm in winter: 3 600 000). */
export function zoneOffsetMs(zone: string, at: EpochMs): number {
  return zoneOffsets(zone).offsetAt(at);
}

/**
 * The instant of a wall-clock time in a zone. Fields roll over like `Date.UTC` (month 13 is
 * January of the next year, minute 1440 is the next midnight). A time skipped by a forward
 * jump gives the instant of the jump (Stockholm 2026-03-29 02:30 gives 03:00 CEST); a time
 * that occurs twice gives its first occurrence (2026-10-25 02:30 gives 02:30 CEST).
 */
export function zonedWallTimeToEpoch(
  zone: string,
  year: number,
  month: number,
  day: number,
  minuteOfDay = 0,
): EpochMs {
  return zoneOffsets(zone).wallToEpoch(daysFromCivil(year, month, day) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE);
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: Weekday;
  /** Minutes since local midnight, fractional below the minute. */
  minuteOfDay: number;
  /** Local date as days since 1970-01-01. */
  dayNumber: number;
  offsetMs: number;
}

/** The wall-clock reading of an instant in a zone. */
export function epochToZonedParts(zone: string, at: EpochMs): ZonedParts {
  const offsetMs = zoneOffsets(zone).offsetAt(at);
  const wall = at + offsetMs;
  const dayNumber = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - dayNumber * MS_PER_DAY;
  const { year, month, day } = civilFromDays(dayNumber);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / MS_PER_MINUTE) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    weekday: weekdayOfDays(dayNumber) as Weekday,
    minuteOfDay: msOfDay / MS_PER_MINUTE,
    dayNumber,
    offsetMs,
  };
}
