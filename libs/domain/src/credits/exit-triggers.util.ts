import type { AgreementSpec, EpochMs, ExitTriggerSpec } from '../catalog/catalog.model';
import { isPeriodMetric } from '../periods/period-objective.util';
import { monthKeyOfOrdinal, monthOrdinal, parsePeriodKey, periodFromKey, periodOf } from '../periods/period.util';
import { addZonedMonths } from '../periods/zoned-time.util';
import type { ExitTriggerFiring, IncidentResult, PeriodResult } from './credit.type';
import { InvalidCreditInputException } from './invalid-credit-input.exception';

export interface ExitTriggerInput {
  periodResults?: readonly PeriodResult[];
  incidentResults?: readonly IncidentResult[];
}

type BreachedPeriods = Extract<ExitTriggerSpec, { kind: 'breached-periods' }>;
type IncidentsBeyond = Extract<ExitTriggerSpec, { kind: 'incidents-beyond' }>;

function ofAgreement<T extends { agreement?: string }>(agreement: string, results: readonly T[] | undefined): T[] {
  return (results ?? []).filter((r) => r.agreement === undefined || r.agreement === agreement);
}

function positiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidCreditInputException(field, `expected a whole number of 1 or more, got ${value}`);
}

/**
 * Months (as ordinals) that had a miss: a month-window objective missed in that month (any
 * region), or an incident objective breached by an incident resolved in it.
 */
function missedMonths(agreement: AgreementSpec, input: ExitTriggerInput): Map<number, string[]> {
  const objectives = new Map(agreement.objectives.map((o) => [o.id, o]));
  const months = new Map<number, string[]>();
  const note = (ordinal: number, why: string) => months.set(ordinal, [...(months.get(ordinal) ?? []), why]);
  for (const r of ofAgreement(agreement.id, input.periodResults)) {
    const objective = objectives.get(r.objective);
    if (r.met || !objective || !isPeriodMetric(objective.metric) || parsePeriodKey(r.period).window !== 'month') continue;
    note(monthOrdinal(r.period), r.region ? `${r.objective}/${r.region}` : r.objective);
  }
  for (const r of ofAgreement(agreement.id, input.incidentResults)) {
    const objective = objectives.get(r.objective);
    if (!r.breached || typeof r.resolvedAt !== 'number' || !objective || isPeriodMetric(objective.metric)) continue;
    note(monthOrdinal(periodOf(r.resolvedAt, 'month', agreement.timezone).key), `${r.incident}/${r.objective}`);
  }
  return months;
}

/**
 * Fires at the end of the month in which N distinct months of the trailing window each had a
 * miss. One occurrence spends its months: the next firing needs N more missed months, all
 * after the last firing, again within one window.
 */
function breachedPeriods(agreement: AgreementSpec, trigger: BreachedPeriods, missed: Map<number, string[]>): ExitTriggerFiring[] {
  const firings: ExitTriggerFiring[] = [];
  let counted: number[] = [];
  for (const month of [...missed.keys()].sort((a, b) => a - b)) {
    counted = counted.filter((m) => m > month - trigger.withinMonths);
    counted.push(month);
    if (counted.length < trigger.count) continue;
    firings.push({
      agreement: agreement.id,
      trigger: trigger.id,
      kind: trigger.kind,
      firedAt: periodFromKey(monthKeyOfOrdinal(month), agreement.timezone).to,
      evidence: counted.map((m) => `${monthKeyOfOrdinal(m)}: ${(missed.get(m) ?? []).join(', ')}`),
    });
    counted = [];
  }
  return firings;
}

/**
 * Fires at the instant the N-th incident past its due time arrives: within one calendar
 * quarter (in the agreement's zone; once per quarter), or within the trailing N months (due
 * times later than the same wall time N months before; after a firing the count restarts).
 */
function incidentsBeyond(agreement: AgreementSpec, trigger: IncidentsBeyond, input: ExitTriggerInput): ExitTriggerFiring[] {
  const dueAt = new Map<string, EpochMs>();
  for (const r of ofAgreement(agreement.id, input.incidentResults)) {
    if (r.objective !== trigger.objective || !r.breached || typeof r.dueAt !== 'number') continue;
    dueAt.set(r.incident, Math.min(r.dueAt, dueAt.get(r.incident) ?? Infinity));
  }
  const late = [...dueAt].map(([incident, at]) => ({ incident, at })).sort((a, b) => a.at - b.at || a.incident.localeCompare(b.incident));
  const firings: ExitTriggerFiring[] = [];
  const fire = (at: EpochMs, incidents: Array<{ incident: string }>) =>
    firings.push({ agreement: agreement.id, trigger: trigger.id, kind: trigger.kind, firedAt: at, evidence: incidents.map((i) => i.incident) });
  const within = trigger.within;
  if (within.kind === 'quarter') {
    let quarter = '';
    let counted: typeof late = [];
    for (const l of late) {
      const key = periodOf(l.at, 'quarter', agreement.timezone).key;
      if (key !== quarter) [quarter, counted] = [key, []];
      counted.push(l);
      if (counted.length === trigger.count) fire(l.at, counted);
    }
  } else {
    let counted: typeof late = [];
    for (const l of late) {
      const windowStart = addZonedMonths(l.at, -within.months, agreement.timezone);
      counted = counted.filter((c) => c.at > windowStart);
      counted.push(l);
      if (counted.length < trigger.count) continue;
      fire(l.at, counted);
      counted = [];
    }
  }
  return firings;
}

/**
 * The exit triggers an agreement's results fire, in time order, each with when it fired and
 * the months or incidents behind it.
 */
export function evaluateExitTriggers(agreement: AgreementSpec, input: ExitTriggerInput): ExitTriggerFiring[] {
  const firings: ExitTriggerFiring[] = [];
  let missed: Map<number, string[]> | undefined;
  agreement.exitTriggers.forEach((trigger, i) => {
    const field = `agreements.${agreement.id}.exitTriggers[${i}]`;
    positiveInteger(trigger.count, `${field}.count`);
    if (trigger.kind === 'breached-periods') {
      positiveInteger(trigger.withinMonths, `${field}.within`);
      missed ??= missedMonths(agreement, input);
      firings.push(...breachedPeriods(agreement, trigger, missed));
    } else {
      const objective = agreement.objectives.find((o) => o.id === trigger.objective);
      if (!objective) throw new InvalidCreditInputException(`${field}.incidentsBeyond`, `no objective "${trigger.objective}" in this agreement`);
      if (isPeriodMetric(objective.metric)) {
        throw new InvalidCreditInputException(`${field}.incidentsBeyond`, `${objective.id} is measured per period, not per incident`);
      }
      if (trigger.within.kind === 'months') positiveInteger(trigger.within.months, `${field}.within`);
      firings.push(...incidentsBeyond(agreement, trigger, input));
    }
  });
  return firings.sort((a, b) => a.firedAt - b.firedAt || a.trigger.localeCompare(b.trigger));
}
