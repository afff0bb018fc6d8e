import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Window } from '../catalog/catalog.model';
import type { ProbeSample } from '../catalog/events.model';
import { PLAIN_AVAILABILITY_TERMS, type AvailabilityPeriodResult } from '../periods/availability.util';
import { InvalidPeriodInputException } from '../periods/invalid-period-input.exception';
import type { Period } from '../periods/period.type';
import { nextPeriod, periodOf } from '../periods/period.util';
import { availabilityFigure } from '../periods/state/availability-figure.util';
import {
  addAvailabilityCarryIn,
  availabilityCarryOut,
  createAvailabilityState,
  probeStateOf,
  probeStateProblem,
  recordProbe,
} from '../periods/state/availability-state.util';
import { IMPLICIT_VANTAGE, type AvailabilityState, type AvailabilityTerms } from '../periods/state/period-state.type';

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
  /** The objective's measurement-integrity terms; default the plain rules. */
  terms?: AvailabilityTerms;
}

const SERIES_SERVICE = 'series';

/**
 * Availability of one objective in one region over a stream whose end is not known in
 * advance: one period state per period, opened as the probes reach it, so the backtest
 * computes each figure exactly as the live evaluation does. The state carries over: each
 * period starts in the state the last probe before it left, through periods without probes.
 */
export class AvailabilitySeries {
  private current: { period: Period; state: AvailabilityState } | undefined;
  /** Probes before `lower`: they only decide the state the first period starts in. */
  private readonly before: AvailabilityState | undefined;
  private readonly terms: AvailabilityTerms;
  private readonly done: AvailabilityPeriodResult[] = [];
  /** The period closed last, whose end state the next one starts in. */
  private previous: AvailabilityState | undefined;

  constructor(private readonly options: AvailabilitySeriesOptions) {
    this.terms = options.terms ?? PLAIN_AVAILABILITY_TERMS;
    this.before = Number.isFinite(options.lower) ? this.stateOf('', options.lower, options.lower) : undefined;
  }

  add(at: EpochMs, ok: boolean): void {
    this.addProbe({ type: 'probe', at, ok, service: SERIES_SERVICE, region: '' });
  }

  /**
   * Adds one probe of the series' service and region; probes must come in time order (per
   * vantage point), which lets the states settle as they go.
   */
  addProbe(probe: ProbeSample): void {
    const { lower, upper } = this.options;
    const at = probe.at;
    if (at >= upper) return;
    if (at < lower) {
      this.take(this.before as AvailabilityState, probe);
      return;
    }
    if (!this.current) {
      const first = periodOf(at, this.options.window, this.options.timezone);
      this.open(this.options.fromLower ? periodOf(lower, this.options.window, this.options.timezone) : first);
    }
    this.advanceTo(at);
    const state = (this.current as { state: AvailabilityState }).state;
    this.take(state, probe);
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

  /** The series is of one service and region already: only what the probe says is checked. */
  private take(state: AvailabilityState, probe: ProbeSample): void {
    const seen = probeStateOf(probe);
    if (seen === undefined) throw new InvalidPeriodInputException('probe', probeStateProblem(probe));
    if (!Number.isFinite(probe.at)) throw new InvalidPeriodInputException('probe.at', `expected epoch milliseconds, got ${probe.at}`);
    const outcome = recordProbe(state, probe.vantage ?? IMPLICIT_VANTAGE, probe.at, seen, true);
    if (typeof outcome === 'object') throw new InvalidPeriodInputException('probe', outcome.refused);
  }

  private stateOf(period: string, from: EpochMs, to: EpochMs): AvailabilityState {
    return createAvailabilityState({ service: SERIES_SERVICE, region: '', period, from, to }, this.terms);
  }

  private advanceTo(at: EpochMs): void {
    while (this.current && this.current.period.to <= at) {
      const next = nextPeriod(this.current.period, this.options.timezone);
      this.close();
      this.open(next);
    }
  }

  private open(period: Period): void {
    const { lower, upper } = this.options;
    const state = this.stateOf(period.key, Math.max(period.from, lower), Math.min(period.to, upper));
    // The latest probe before the period sets the state it starts in.
    const previous = this.previous ?? this.before;
    if (previous) addAvailabilityCarryIn(state, availabilityCarryOut(previous));
    this.previous = undefined;
    this.current = { period, state };
  }

  private close(): void {
    if (!this.current) return;
    const { state } = this.current;
    const figure = availabilityFigure(state, this.options.calendar);
    this.done.push({
      period: state.period,
      from: figure.from,
      to: figure.to,
      measuredSeconds: figure.measuredSeconds,
      downSeconds: figure.downSeconds,
      value: figure.measured,
      coverage: figure.coverage,
    });
    this.previous = state;
    this.current = undefined;
  }
}
