import type { EpochMs, Seconds } from '../catalog/catalog.model';
import type { BusinessCalendar } from './business-calendar.type';
import { secondsToWholeMs } from './interval.util';

/** Counts every real millisecond: what an objective without a calendar measures. */
export class RealTimeCalendar implements BusinessCalendar {
  constructor(readonly id: string) {}

  countSeconds(from: EpochMs, to: EpochMs): Seconds {
    return to > from ? (to - from) / 1000 : 0;
  }

  /** The counted time is rounded up to the millisecond, like every calendar does. */
  addSeconds(from: EpochMs, seconds: Seconds): EpochMs {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`seconds must be a finite number >= 0, got ${seconds}`);
    }
    return seconds === 0 ? from : from + secondsToWholeMs(seconds);
  }

  isOpen(): boolean {
    return true;
  }

  openIntervals(from: EpochMs, to: EpochMs): Array<{ from: EpochMs; to: EpochMs }> {
    return to > from ? [{ from, to }] : [];
  }
}

export const ALWAYS_CALENDAR_ID = 'always';

/** All the time there is, for objectives that name no calendar. */
export const alwaysCalendar: BusinessCalendar = new RealTimeCalendar(ALWAYS_CALENDAR_ID);
