import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Ratio, Seconds, Window } from '../catalog/catalog.model';
import type { ProbeSample } from '../catalog/events.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import type { PeriodKey } from './period.type';
import { periodsBetween } from './period.util';
import { availabilityFigure } from './state/availability-figure.util';
import {
  addAvailabilityCarryIn,
  availabilityCarryOut,
  createAvailabilityState,
  probeStateOf,
  probeStateProblem,
  recordProbe,
} from './state/availability-state.util';
import { IMPLICIT_VANTAGE, type AvailabilityState, type AvailabilityTerms } from './state/period-state.type';

export interface AvailabilityResult {
  /** Counted calendar time in the period (maintenance already left out by the calendar). */
  measuredSeconds: Seconds;
  /** Counted calendar time during which the last probe said down. */
  downSeconds: Seconds;
  /** 1 − down / measured; 1 when nothing was measured (a period the calendar never opens). */
  value: Ratio;
}

export interface AvailabilityPeriodResult extends AvailabilityResult {
  period: PeriodKey;
  /** The measured stretch: the period clipped to the accumulator's range. */
  from: EpochMs;
  to: EpochMs;
  /** Share of the measured time with data (see the objective's missingData); 1 without a rule. */
  coverage: Ratio;
}

/** The plain rules: one implicit vantage point, each probe holding until the next. */
export const PLAIN_AVAILABILITY_TERMS: AvailabilityTerms = { measuredFrom: null, quorum: 1, missingData: null, degradedCounts: 0 };

function checkRange(from: EpochMs, to: EpochMs, field: string): void {
  if (!Number.isFinite(from)) throw new InvalidPeriodInputException(`${field}.from`, `expected epoch milliseconds, got ${from}`);
  if (!Number.isFinite(to) || to < from) {
    throw new InvalidPeriodInputException(`${field}.to`, `expected epoch milliseconds not before from, got ${to}`);
  }
}

/**
 * Feeds probes in time order into period states, naming a probe that breaks the rules in
 * the words of the caller's input (`probes[3]`, `probe #3`).
 */
class OrderedProbes {
  private lastAt = -Infinity;
  private finished = false;

  constructor(private readonly field: (index: number) => string) {}

  check(probe: Pick<ProbeSample, 'at' | 'ok' | 'state'>, index: number) {
    const at = probe.at;
    if (this.finished) throw new InvalidPeriodInputException(this.field(index), 'probe added after the results were taken');
    if (!Number.isFinite(at)) throw new InvalidPeriodInputException(`${this.field(index)}.at`, `expected epoch milliseconds, got ${at}`);
    const seen = probeStateOf(probe);
    if (seen === undefined) {
      const problem = probeStateProblem(probe);
      const colon = problem.indexOf(': ');
      throw new InvalidPeriodInputException(`${this.field(index)}.${problem.slice(0, colon)}`, problem.slice(colon + 2));
    }
    if (at < this.lastAt) {
      throw new InvalidPeriodInputException(`${this.field(index)}.at`, `probes must come in time order (${at} follows ${this.lastAt})`);
    }
    this.lastAt = at;
    return seen;
  }

  finish(): void {
    this.finished = true;
  }
}

export interface AvailabilityInput {
  /** Probes of one service and region, in time order; earlier ones may set the starting state. */
  probes: ReadonlyArray<Pick<ProbeSample, 'at' | 'ok'> & Partial<Pick<ProbeSample, 'service' | 'region' | 'state' | 'vantage'>>>;
  period: { from: EpochMs; to: EpochMs };
  /** The objective's calendar, with excluded maintenance already taken out. */
  calendar: BusinessCalendar;
  /** The objective's measurement-integrity terms; default the plain rules. */
  terms?: AvailabilityTerms;
}

function stateFor(from: EpochMs, to: EpochMs, terms: AvailabilityTerms, period: PeriodKey = ''): AvailabilityState {
  return createAvailabilityState({ service: '', region: null, period, from, to }, terms);
}

function resultOf(state: AvailabilityState, calendar: BusinessCalendar): AvailabilityResult & { coverage: Ratio } {
  const figure = availabilityFigure(state, calendar);
  return { measuredSeconds: figure.measuredSeconds, downSeconds: figure.downSeconds, value: figure.measured, coverage: figure.coverage };
}

/**
 * Availability of one service in one region over one period (the spec's rule: each probe
 * holds until the next, the last to the end of the period, time before the first is up,
 * and only calendar time counts on either side of the ratio).
 */
export function availability(input: AvailabilityInput): AvailabilityResult {
  const { probes, period, calendar } = input;
  checkRange(period.from, period.to, 'period');
  const first = probes[0];
  const order = new OrderedProbes((i) => `probes[${i}]`);
  const state = stateFor(period.from, period.to, input.terms ?? PLAIN_AVAILABILITY_TERMS);
  for (let i = 0; i < probes.length; i++) {
    const p = probes[i];
    if (first && (p.service !== first.service || p.region !== first.region)) {
      throw new InvalidPeriodInputException(
        `probes[${i}]`,
        `all probes must be of one service and region (${String(first.service)}/${String(first.region)}), got ${String(p.service)}/${String(p.region)}`,
      );
    }
    recordProbe(state, p.vantage ?? IMPLICIT_VANTAGE, p.at, order.check(p, i));
  }
  const { measuredSeconds, downSeconds, value } = resultOf(state, calendar);
  return { measuredSeconds, downSeconds, value };
}

export interface AvailabilityAccumulatorOptions {
  calendar: BusinessCalendar;
  window: Window;
  /** Zone of the agreement's periods. */
  timezone: string;
  /** The evaluated range; the first and last periods are measured only inside it. */
  from: EpochMs;
  to: EpochMs;
  terms?: AvailabilityTerms;
}

/**
 * Availability per period for one objective, service and region, fed probe by probe in
 * time order: one period state per period, each starting in the state the one before ended in.
 */
export class AvailabilityAccumulator {
  private readonly calendar: BusinessCalendar;
  private readonly states: AvailabilityState[];
  private readonly order = new OrderedProbes((i) => `probe #${i}`);
  private current = 0;
  private count = 0;

  constructor(options: AvailabilityAccumulatorOptions) {
    checkRange(options.from, options.to, 'range');
    this.calendar = options.calendar;
    const terms = options.terms ?? PLAIN_AVAILABILITY_TERMS;
    this.states = periodsBetween(options.from, options.to, options.window, options.timezone).map((p) =>
      stateFor(Math.max(p.from, options.from), Math.min(p.to, options.to), terms, p.key),
    );
  }

  add(probe: Pick<ProbeSample, 'at' | 'ok'> & Partial<Pick<ProbeSample, 'state' | 'vantage'>>): void {
    const seen = this.order.check(probe, this.count++);
    const states = this.states;
    while (this.current + 1 < states.length && states[this.current].to <= probe.at) this.advance();
    if (states.length > 0) recordProbe(states[this.current], probe.vantage ?? IMPLICIT_VANTAGE, probe.at, seen);
  }

  /** Closes the stream (the last state holds to the end of the range) and reports every period. */
  results(): AvailabilityPeriodResult[] {
    this.order.finish();
    while (this.current + 1 < this.states.length) this.advance();
    return this.states.map((state) => ({ period: state.period, from: state.from, to: state.to, ...resultOf(state, this.calendar) }));
  }

  private advance(): void {
    const carried = availabilityCarryOut(this.states[this.current]);
    this.current++;
    addAvailabilityCarryIn(this.states[this.current], carried);
  }
}
