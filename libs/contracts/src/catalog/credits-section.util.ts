import type { CreditRule, CreditsSpec, CreditTier, ExitTriggerSpec, ObjectiveSpec } from '@underpin/domain';
import { readPercent } from './catalog-units.util';
import { didYouMean } from './did-you-mean.util';
import { isTimeMetric, readMeasure } from './objective-section.util';
import { field, items, numberAt, report, text, type Cursor } from './yaml-cursor.util';

/**
 * The objectives of the agreement being read. `declared` also holds ids of objectives that
 * failed to load, so a rule naming one is not reported a second time as unknown.
 */
export interface AgreementContext {
  byId: ReadonlyMap<string, ObjectiveSpec>;
  declared: ReadonlySet<string>;
  hasActiveUsers: boolean;
}

function readOwnObjective(cursor: Cursor | undefined, objectives: AgreementContext): ObjectiveSpec | undefined {
  const id = text(cursor);
  if (cursor === undefined || id === undefined) return undefined;
  const objective = objectives.byId.get(id);
  if (objective === undefined && !objectives.declared.has(id)) {
    report(cursor, `this agreement has no objective "${id}"${didYouMean(id, objectives.declared)}`);
  }
  return objective;
}

export function readCredits(cursor: Cursor, objectives: AgreementContext): CreditsSpec | undefined {
  const capAt = field(cursor, 'cap');
  const cap = capAt && readPercent(capAt);
  const rules = items(field(cursor, 'rules')).flatMap((rule) => readCreditRule(rule, objectives) ?? []);
  return cap === undefined ? { rules } : { cap, rules };
}

function readCreditRule(cursor: Cursor, objectives: AgreementContext): CreditRule | undefined {
  const objective = readOwnObjective(field(cursor, 'objective'), objectives);
  const basisAt = field(cursor, 'basis');
  const basis = basisAt ? (text(basisAt) as CreditRule['basis'] | undefined) : 'fee';
  if (basisAt && basis === 'affected-users' && !objectives.hasActiveUsers) {
    report(basisAt, 'basis affected-users needs activeUsers on the agreement');
  }
  const tiersAt = field(cursor, 'tiers');
  const hourlyAt = field(cursor, 'perStartedHourBeyond');
  const timeObjective = objective !== undefined && isTimeMetric(objective.metric);
  if (tiersAt && objective && timeObjective) {
    report(tiersAt, 'tiers apply to period objectives; an incident time objective uses perStartedHourBeyond');
  }
  if (hourlyAt && objective && !timeObjective) {
    report(hourlyAt, 'perStartedHourBeyond applies only to incident time objectives');
  }
  const tiers = objective && !timeObjective ? items(tiersAt).flatMap((tier) => readTier(tier, objective) ?? []) : [];
  const perStartedHourBeyond = hourlyAt && readPercent(hourlyAt);

  if (objective === undefined || basis === undefined) return undefined;
  const rule: CreditRule = { objective: objective.id, basis, tiers };
  if (perStartedHourBeyond !== undefined) rule.perStartedHourBeyond = perStartedHourBeyond;
  return rule;
}

/**
 * A tier's threshold is in the objective's own unit (a percentage for availability and
 * ratios, milliseconds for latency, a score for MOS), and points the way the objective
 * fails: below an at-least target, above an at-most one.
 */
function readTier(cursor: Cursor, objective: ObjectiveSpec): CreditTier | undefined {
  if (cursor.file.hasProblemAt(cursor)) return undefined;
  const creditAt = field(cursor, 'credit');
  const credit = creditAt && readPercent(creditAt);
  const belowAt = field(cursor, 'below');
  const aboveAt = field(cursor, 'above');
  const side = objective.direction === 'atLeast' ? 'below' : 'above';
  const wrongAt = side === 'below' ? aboveAt : belowAt;
  // Both at once the schema reports.
  if (belowAt && aboveAt) return undefined;
  if (!belowAt && !aboveAt) {
    report(cursor, `a tier needs ${side}, the value at which it applies`);
  } else if (wrongAt) {
    const good = objective.direction === 'atLeast' ? 'at or above' : 'at or below';
    report(wrongAt, `objective "${objective.id}" is met ${good} its target, so its tiers use ${side}`);
  }
  const thresholdAt = side === 'below' ? belowAt : aboveAt;
  const threshold = thresholdAt && !wrongAt ? readMeasure(thresholdAt, objective.metric)?.value : undefined;
  if (credit === undefined || threshold === undefined) return undefined;
  return side === 'below' ? { below: threshold, credit } : { above: threshold, credit };
}

const MONTHS = /^(\d+) months?$/;

export function readExitTrigger(cursor: Cursor, objectives: AgreementContext): ExitTriggerSpec | undefined {
  const id = text(field(cursor, 'id'));
  const periods = field(cursor, 'breachedPeriods') !== undefined;
  const incidents = field(cursor, 'incidentsBeyond') !== undefined;
  // A trigger with both or neither the schema reports.
  if (periods === incidents) return undefined;
  const trigger = periods ? readBreachedPeriods(cursor) : readIncidentsBeyond(cursor, objectives);
  return id === undefined || trigger === undefined ? undefined : { id, ...trigger };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function readBreachedPeriods(cursor: Cursor): WithoutId<ExitTriggerSpec> | undefined {
  const count = numberAt(field(cursor, 'breachedPeriods'));
  const withinAt = field(cursor, 'within');
  const months = monthsAt(withinAt);
  if (count !== undefined && months !== undefined && count > months) {
    report(withinAt as Cursor, `${count} breached months cannot fit within ${months} months`);
    return undefined;
  }
  if (count === undefined || months === undefined || field(cursor, 'count') !== undefined) return undefined;
  return { kind: 'breached-periods', count, of: 'month', withinMonths: months };
}

function readIncidentsBeyond(cursor: Cursor, objectives: AgreementContext): WithoutId<ExitTriggerSpec> | undefined {
  const objectiveAt = field(cursor, 'incidentsBeyond');
  const objective = readOwnObjective(objectiveAt, objectives);
  if (objective && !isTimeMetric(objective.metric)) {
    report(objectiveAt as Cursor, `incidentsBeyond needs an incident time objective; "${objective.id}" measures ${objective.metric}`);
  }
  const count = numberAt(field(cursor, 'count'));
  const withinAt = field(cursor, 'within');
  const months = monthsAt(withinAt);
  const within = text(withinAt) === 'quarter' ? { kind: 'quarter' as const } : months === undefined ? undefined : { kind: 'months' as const, months };
  if (objective === undefined || !isTimeMetric(objective.metric) || field(cursor, 'of') !== undefined) return undefined;
  if (count === undefined || within === undefined) return undefined;
  return { kind: 'incidents-beyond', objective: objective.id, count, within };
}

function monthsAt(cursor: Cursor | undefined): number | undefined {
  const match = MONTHS.exec(String(text(cursor)));
  return match === null ? undefined : Number(match[1]);
}
