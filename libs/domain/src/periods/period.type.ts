import type { EpochMs, Window } from '../catalog/catalog.model';

/** `2026-03` for a month, `2026-Q1` for a quarter. */
export type PeriodKey = string;

/** A measurement window: a calendar month or quarter in some zone, `[from, to)`. */
export interface Period {
  key: PeriodKey;
  window: Window;
  from: EpochMs;
  to: EpochMs;
}
