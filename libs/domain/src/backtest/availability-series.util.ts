import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Window } from '../catalog/catalog.model';
import { AvailabilityAccumulator, type AvailabilityPeriodResult } from '../periods/availability.util';
import type { Period } from '../periods/period.type';
import { nextPeriod, periodOf } from '../periods/period.util';

export interface AvailabilitySeriesOptions {
  calendar: BusinessCalendar;
  window: Window;
  timezone: string;
  /** Probes before this only set the state; nothing before it is measured (effective date, --from). */
  lower: EpochMs;
  /** Nothing from this instant on is measured (end of the agreement, --to). */
  upper: EpochMs;
  /** Measure from `lower` even before the first probe (the user asked for that range). */
  fromLower: boolean;
}

/**
 * Availability of one objective in one region over a stream whose end is not known in
 * advance: one accumulator per period, opened as the probes reach it. The state carries
 * over: the last probe of a period holds into the next, through periods without probes.
 */
export class AvailabilitySeries {
  private current: { period: Period; accumulator: AvailabilityAccumulator } | undefined;
  private lastProbe: { at: EpochMs; ok: boolean } | undefined;
  private readonly done: AvailabilityPeriodResult[] = [];

  constructor(private readonly options: AvailabilitySeriesOptions) {}

  add(at: EpochMs, ok: boolean): void {
    const { lower, upper } = this.options;
    if (at >= upper) return;
    if (at >= lower) {
      if (!this.current) {
        const first = periodOf(at, this.options.window, this.options.timezone);
        this.open(this.options.fromLower ? periodOf(lower, this.options.window, this.options.timezone) : first);
      }
      this.advanceTo(at);
      (this.current as { accumulator: AvailabilityAccumulator }).accumulator.add({ at, ok });
    }
    this.lastProbe = { at, ok };
  }

  /**
   * Every period from the first measured one to the one holding `lastInstant` (the last
   * event of the whole backtest, or the instant before `--to`), in order.
   */
  results(lastInstant: EpochMs): AvailabilityPeriodResult[] {
    if (!this.current && this.options.fromLower && lastInstant >= this.options.lower) {
      this.open(periodOf(this.options.lower, this.options.window, this.options.timezone));
    }
    if (this.current) {
      this.advanceTo(Math.min(lastInstant, this.options.upper - 1));
      this.close();
    }
    return this.done;
  }

  private advanceTo(at: EpochMs): void {
    while (this.current && this.current.period.to <= at) {
      const next = nextPeriod(this.current.period, this.options.timezone);
      this.close();
      this.open(next);
    }
  }

  private open(period: Period): void {
    const { calendar, window, timezone, lower, upper } = this.options;
    const from = Math.max(period.from, lower);
    const to = Math.min(period.to, upper);
    const accumulator = new AvailabilityAccumulator({ calendar, window, timezone, from, to });
    // A probe before the period sets the state it starts in.
    if (this.lastProbe && this.lastProbe.at < from) accumulator.add(this.lastProbe);
    this.current = { period, accumulator };
  }

  private close(): void {
    if (!this.current) return;
    this.done.push(...this.current.accumulator.results());
    this.current = undefined;
  }
}
