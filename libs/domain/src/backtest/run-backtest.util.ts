import type { Catalog, EpochMs } from '../catalog/catalog.model';
import type { TimelineEvent } from '../catalog/events.model';
import { computeCredits } from '../credits/credits.util';
import type { IncidentResult, PeriodResult } from '../credits/credit.type';
import { evaluateExitTriggers } from '../credits/exit-triggers.util';
import { analyzeFeasibility } from '../feasibility/analyze-feasibility.util';
import { catalogCalendars } from '../feasibility/catalog-calendars.util';
import { BacktestInputException, type BacktestProblem } from './backtest-input.exception';
import type { BacktestCredit, BacktestExitTrigger, BacktestInput, BacktestPeriod, BacktestResult } from './backtest.type';
import { evaluateIncidents } from './evaluate-incidents.util';
import { IncidentCollector } from './incident-collector.util';
import { isoInstant } from './instant-format.util';
import { ObjectiveCalendars } from './objective-calendars.util';
import { PeriodCollector, type PeriodOutcome } from './period-collector.util';

const PROGRESS_EVERY = 8192;

function isAsync(events: BacktestInput['events']): events is AsyncIterable<TimelineEvent> {
  return typeof (events as AsyncIterable<TimelineEvent>)[Symbol.asyncIterator] === 'function';
}

/**
 * Runs a catalogue over historical events in one pass: incident events build timelines,
 * probes and call samples go straight into per-period accumulators. Then every incident is
 * measured against the SLA time objectives that apply to it, every period objective gets
 * its figures, and credits, exit triggers and the static feasibility findings follow.
 *
 * @throws BacktestInputException listing every event the rules reject, after the whole
 *   stream was read.
 */
export async function runBacktest(input: BacktestInput): Promise<BacktestResult> {
  const { catalog, from, to, onProgress } = input;
  const range = { from, to };
  const calendars = new ObjectiveCalendars(catalog, catalogCalendars(catalog));
  const incidents = new IncidentCollector(range);
  const periods = new PeriodCollector(catalog, calendars, range);
  const problems: BacktestProblem[] = [];
  let index = 0;
  let lastInstant = -Infinity;

  const take = (event: TimelineEvent) => {
    if (event.at > lastInstant) lastInstant = event.at;
    if (event.type === 'probe') {
      const problem = periods.addProbe(event);
      if (problem) problems.push({ index, path: 'at', message: problem });
    } else if (event.type === 'call.quality') {
      periods.addCallSample(event);
    } else {
      incidents.add(event, index);
    }
    index++;
    if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index);
  };
  if (isAsync(input.events)) {
    for await (const event of input.events) take(event);
  } else {
    for (const event of input.events) take(event);
  }
  onProgress?.(index);

  problems.push(...incidents.problems);
  if (problems.length > 0) throw new BacktestInputException(problems.sort((a, b) => a.index - b.index));

  const end: EpochMs = to !== undefined ? to - 1 : lastInstant;
  const measured = evaluateIncidents(catalog, incidents.timelinesInOrder(), calendars.plain, end);
  const outcomes = periods.outcomes(end);
  return {
    incidents: measured.entries,
    periods: outcomes.map(toPeriodEntry),
    ...creditsAndTriggers(catalog, outcomes, measured.results),
    feasibility: analyzeFeasibility(catalog, calendars.plain),
  };
}

function toPeriodEntry(outcome: PeriodOutcome): BacktestPeriod {
  const { agreement, objective, region, period, value, target, met } = outcome;
  const entry: BacktestPeriod = { agreement: agreement.id, objective: objective.id, region, period, value, target, met };
  // Without a missing-data rule every result holds until the next one: coverage is 1 by definition.
  if (objective.missingData) entry.coverage = outcome.coverage;
  return entry;
}

function creditsAndTriggers(
  catalog: Catalog,
  outcomes: readonly PeriodOutcome[],
  incidentResults: readonly IncidentResult[],
): { credits: BacktestCredit[]; exitTriggers: BacktestExitTrigger[] } {
  const periodResults: PeriodResult[] = outcomes.map((outcome) => ({
    agreement: outcome.agreement.id,
    objective: outcome.objective.id,
    region: outcome.region,
    period: outcome.period,
    measured: outcome.measured,
    met: outcome.met,
  }));
  const input = { periodResults, incidentResults };
  const credits: BacktestCredit[] = [];
  const exitTriggers: BacktestExitTrigger[] = [];
  for (const agreement of catalog.agreements) {
    credits.push(...computeCredits(agreement, input));
    for (const firing of evaluateExitTriggers(agreement, input)) {
      exitTriggers.push({ ...firing, firedAt: isoInstant(firing.firedAt) });
    }
  }
  return { credits, exitTriggers };
}
