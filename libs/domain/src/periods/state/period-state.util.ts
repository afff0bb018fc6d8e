import type { BusinessCalendar } from '../../calendar/business-calendar.type';
import type { EpochMs, ObjectiveSpec } from '../../catalog/catalog.model';
import type { CallQualitySample, ProbeSample } from '../../catalog/events.model';
import { InvalidPeriodInputException } from '../invalid-period-input.exception';
import { isPeriodMetric } from '../period-objective.util';
import type { Period } from '../period.type';
import { availabilityFigure } from './availability-figure.util';
import {
  addAvailabilityCarryIn,
  addProbe,
  availabilityCarryOut,
  availabilityTerms,
  createAvailabilityState,
  mergeAvailabilityStates,
  settleAvailabilityState,
} from './availability-state.util';
import type { CarriedProbe, PeriodFigure, PeriodState, SampleOutcome } from './period-state.type';
import { addCallSample, createQualityState, mergeQualityStates, qualityFigure, type QualityState } from './quality-state.util';

export interface PeriodStateScope {
  service: string;
  /** Null for an objective that is not per region: samples of every region are pooled. */
  region: string | null;
  /** The calendar month or quarter (periodOf(at, objective.window, agreement.timezone)). */
  period: Period;
  /** Where the agreement's effective range (or a backtest's range) cuts the period. */
  from?: EpochMs;
  to?: EpochMs;
}

/** An empty state of one period objective for one region (or pooled) and one period. */
export function createPeriodState(objective: ObjectiveSpec, scope: PeriodStateScope): PeriodState {
  if (!isPeriodMetric(objective.metric)) {
    throw new InvalidPeriodInputException(`objectives.${objective.id}.metric`, `"${objective.metric}" is measured per incident, not per period`);
  }
  const from = Math.max(scope.period.from, scope.from ?? -Infinity);
  const to = Math.min(scope.period.to, scope.to ?? Infinity);
  if (!(Number.isFinite(from) && Number.isFinite(to) && from <= to)) {
    throw new InvalidPeriodInputException('period', `the range cuts period ${scope.period.key} to nothing (${from} to ${to})`);
  }
  const base = { service: scope.service, region: scope.region, period: scope.period.key, from, to };
  return objective.metric === 'availability' ? createAvailabilityState(base, availabilityTerms(objective)) : createQualityState(objective, base);
}

/**
 * Adds samples to a state, in place. Order and batching do not matter: the figure depends
 * on which samples were added, and a sample added twice counts once for availability (an
 * instant holds one state) but twice for call figures (an interval is a sample). Probes
 * before the state's stretch only set the state it starts in; so add a probe to the state
 * of its period and of every later period held open.
 */
export function addSamples(state: PeriodState, samples: ReadonlyArray<ProbeSample | CallQualitySample>): SampleOutcome {
  const outcome: SampleOutcome = { counted: 0, ignored: 0, refused: [] };
  for (let index = 0; index < samples.length; index++) {
    const sample = samples[index];
    let result: 'counted' | 'ignored' | { refused: string };
    if (state.metric === 'availability') {
      result = sample.type === 'probe' ? addProbe(state, sample) : 'ignored';
    } else {
      result = sample.type === 'call.quality' ? addCallSample(state, sample) : 'ignored';
    }
    if (result === 'counted') outcome.counted++;
    else if (result === 'ignored') outcome.ignored++;
    else outcome.refused.push({ index, reason: result.refused });
  }
  return outcome;
}

/**
 * Adds everything `other` holds to `into`, in place: two states of one objective, scope and
 * period built from different samples (partitions, a replay beside the live stream). Returns
 * what could not be merged exactly: only a settled stretch of one state overlapping probes
 * of another state in the other.
 */
export function mergePeriodStates(into: PeriodState, other: PeriodState): string[] {
  const same = into.metric === other.metric && into.service === other.service && into.region === other.region && into.period === other.period;
  if (!same || into.from !== other.from || into.to !== other.to) {
    throw new InvalidPeriodInputException('state', `cannot merge ${describe(other)} into ${describe(into)}`);
  }
  if (into.metric === 'availability') {
    if (JSON.stringify(into.terms) !== JSON.stringify((other as typeof into).terms)) {
      throw new InvalidPeriodInputException('state.terms', 'cannot merge states measured under other terms');
    }
    return mergeAvailabilityStates(into, other as typeof into);
  }
  mergeQualityStates(into, other as QualityState);
  return [];
}

function describe(state: PeriodState): string {
  return `${state.metric} of ${state.service}/${state.region ?? '*'} ${state.period} [${state.from}, ${state.to})`;
}

/**
 * Keeps the state small once no probe before `before` can come any more (past the allowed
 * lateness): availability runs of one state before it lose their instants. The figure does
 * not change; a later probe of another state inside such a stretch is refused. Call figures
 * hold no instants, so nothing changes for them.
 */
export function settlePeriodState(state: PeriodState, before: EpochMs): void {
  if (state.metric === 'availability') settleAvailabilityState(state, before);
}

export interface PeriodFigureOptions {
  /** The objective's calendar with its excluded maintenance taken out (availability only). */
  calendar?: BusinessCalendar;
  /** Measure only up to this instant: a running period's value so far. Default: the whole stretch. */
  until?: EpochMs;
}

/** The period's figure from its state: the live value, or the closed period's. */
export function periodFigure(state: PeriodState, options: PeriodFigureOptions = {}): PeriodFigure {
  if (state.metric !== 'availability') return qualityFigure(state);
  if (!options.calendar) throw new InvalidPeriodInputException('calendar', 'availability is counted on the objective\'s calendar; none was given');
  return availabilityFigure(state, options.calendar, options.until);
}

/** What the next period of an availability state starts in: each vantage point's latest probe. */
export function periodCarryOut(state: PeriodState): Record<string, CarriedProbe> {
  return state.metric === 'availability' ? availabilityCarryOut(state) : {};
}

/** Gives a state the probes carried from the period before it (its periodCarryOut). */
export function addPeriodCarryIn(state: PeriodState, carried: Record<string, CarriedProbe>): void {
  if (state.metric === 'availability') addAvailabilityCarryIn(state, carried);
}

/** A deep copy (the state is plain JSON). */
export function clonePeriodState<S extends PeriodState>(state: S): S {
  return JSON.parse(JSON.stringify(state)) as S;
}
