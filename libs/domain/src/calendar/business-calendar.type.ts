import type { EpochMs, Seconds } from '../catalog/catalog.model';

/**
 * A compiled calendar: counts time inside its open intervals. Implementations must cost
 * O(open intervals crossed) per call, with whole weeks jumped in O(1).
 */
export interface BusinessCalendar {
  readonly id: string;
  /** Counted seconds inside open intervals in [from, to); 0 when to <= from. */
  countSeconds(from: EpochMs, to: EpochMs): Seconds;
  /**
   * The first instant at which `seconds` of counted time have passed since `from`
   * (the end of an open stretch, never the start of the next one). `seconds` = 0 gives `from`.
   */
  addSeconds(from: EpochMs, seconds: Seconds): EpochMs;
  /** Whether the instant lies inside an open interval. */
  isOpen(at: EpochMs): boolean;
  /** Open stretches intersecting [from, to), clipped to it, in order. */
  openIntervals(from: EpochMs, to: EpochMs): Array<{ from: EpochMs; to: EpochMs }>;
}
