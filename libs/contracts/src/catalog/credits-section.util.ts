import type { CreditRule, CreditsSpec, CreditTier, ExitTriggerSpec, ObjectiveSpec } from '@underpin/domain';
import { CATALOG_KEYS, CREDIT_BASES } from './catalog-keys.constant';
import { readPercent } from './catalog-units.util';
import { didYouMean } from './did-you-mean.util';
import { isTimeMetric, readMeasure } from './objective-section.util';
import { readEnum, readId, readListOf, readMap, readNumber, report, scalar, type Cursor, type Fields } from './yaml-cursor.util';

/**
 * The objectives of the agreement being read. `declared` also holds ids of objectives that
 * failed to load, so a rule naming one is not reported a second time as unknown.
 */
export interface AgreementContext {
  byId: ReadonlyMap<string, ObjectiveSpec>;
  declared: ReadonlySet<string>;
  hasActiveUsers: boolean;
}

function readOwnObjective(cursor: Cursor, objectives: AgreementContext): ObjectiveSpec | undefined {
  const id = readId(cursor);
  if (id === undefined) return undefined;
  const objective = objectives.byId.get(id);
  if (objective === undefined && !objectives.declared.has(id)) {
    report(cursor, `this agreement has no objective "${id}"${didYouMean(id, objectives.declared)}`);
  }
  return objective;
}

export function readCredits(cursor: Cursor, objectives: AgreementContext): CreditsSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.credits);
  if (fields === undefined) return undefined;
  const capAt = fields.get('cap');
  const cap = capAt && readPercent(capAt);
  const rulesAt = fields.require('rules', 'expected a list of credit rules');
  const rules = rulesAt ? readListOf(rulesAt, (rule) => readCreditRule(rule, objectives)) : [];
  return cap === undefined ? { rules } : { cap, rules };
}

function readCreditRule(cursor: Cursor, objectives: AgreementContext): CreditRule | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.creditRule);
  if (fields === undefined) return undefined;
  const objectiveAt = fields.require('objective', 'expected the id of an objective of this agreement');
  const objective = objectiveAt && readOwnObjective(objectiveAt, objectives);
  const basisAt = fields.get('basis');
  const basis = basisAt ? readEnum(basisAt, CREDIT_BASES) : 'fee';
  if (basisAt && basis === 'affected-users' && !objectives.hasActiveUsers) {
    report(basisAt, 'basis affected-users needs activeUsers on the agreement');
  }
  const tiersAt = fields.get('tiers');
  const hourlyAt = fields.get('perStartedHourBeyond');
  if (!tiersAt && !hourlyAt) report(cursor, 'a credit rule needs tiers or perStartedHourBeyond');

  const timeObjective = objective !== undefined && isTimeMetric(objective.metric);
  if (tiersAt && objective && timeObjective) {
    report(tiersAt, 'tiers apply to period objectives; an incident time objective uses perStartedHourBeyond');
  }
  if (hourlyAt && objective && !timeObjective) {
    report(hourlyAt, 'perStartedHourBeyond applies only to incident time objectives');
  }
  const tiers =
    tiersAt && objective && !timeObjective
      ? readListOf(tiersAt, (tier) => readTier(tier, objective), 'expected a list of tiers like [{ below: "99.9%", credit: "10%" }]')
      : [];
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
  const fields = readMap(cursor, CATALOG_KEYS.creditTier);
  if (fields === undefined) return undefined;
  const creditAt = fields.require('credit', 'expected a share of the monthly fee like "10%"');
  const credit = creditAt && readPercent(creditAt);
  const belowAt = fields.get('below');
  const aboveAt = fields.get('above');
  const side = objective.direction === 'atLeast' ? 'below' : 'above';
  const wrongAt = side === 'below' ? aboveAt : belowAt;
  if (belowAt && aboveAt) {
    report(cursor, 'a tier has either below or above, not both');
  } else if (!belowAt && !aboveAt) {
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
  const fields = readMap(cursor, CATALOG_KEYS.exitTrigger);
  if (fields === undefined) return undefined;
  const idAt = fields.require('id', 'expected an id');
  const id = idAt && readId(idAt);
  const periods = fields.has('breachedPeriods');
  const incidents = fields.has('incidentsBeyond');
  if (periods === incidents) {
    report(cursor, 'an exit trigger has either breachedPeriods or incidentsBeyond');
    return undefined;
  }
  const trigger = periods ? readBreachedPeriods(fields) : readIncidentsBeyond(fields, objectives);
  return id === undefined || trigger === undefined ? undefined : { id, ...trigger };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function readBreachedPeriods(fields: Fields): WithoutId<ExitTriggerSpec> | undefined {
  const countAt = fields.get('count');
  if (countAt) report(countAt, 'count belongs to incidentsBeyond triggers; here breachedPeriods is the count');
  const count = readNumber(fields.get('breachedPeriods') as Cursor, { min: 1, integer: true });
  const ofAt = fields.get('of');
  const of = ofAt ? readEnum(ofAt, ['month'] as const) : 'month';
  const withinAt = fields.require('within', 'expected a span like "12 months"');
  const months = withinAt && readMonths(withinAt);
  if (count !== undefined && months !== undefined && count > months) {
    report(withinAt as Cursor, `${count} breached months cannot fit within ${months} months`);
    return undefined;
  }
  if (count === undefined || of === undefined || months === undefined || countAt) return undefined;
  return { kind: 'breached-periods', count, of, withinMonths: months };
}

function readIncidentsBeyond(fields: Fields, objectives: AgreementContext): WithoutId<ExitTriggerSpec> | undefined {
  const ofAt = fields.get('of');
  if (ofAt) report(ofAt, 'of belongs to breachedPeriods triggers');
  const objectiveAt = fields.get('incidentsBeyond') as Cursor;
  const objective = readOwnObjective(objectiveAt, objectives);
  if (objective && !isTimeMetric(objective.metric)) {
    report(objectiveAt, `incidentsBeyond needs an incident time objective; "${objective.id}" measures ${objective.metric}`);
  }
  const countAt = fields.require('count', 'expected how many incidents fire the trigger, like 2');
  const count = countAt && readNumber(countAt, { min: 1, integer: true });
  const withinAt = fields.require('within', 'expected quarter or a span like "6 months"');
  let within: { kind: 'quarter' } | { kind: 'months'; months: number } | undefined;
  if (withinAt && scalar(withinAt) === 'quarter') {
    within = { kind: 'quarter' };
  } else if (withinAt) {
    const months = readMonths(withinAt, 'expected quarter or a span like "6 months"');
    within = months === undefined ? undefined : { kind: 'months', months };
  }
  if (objective === undefined || !isTimeMetric(objective.metric) || ofAt) return undefined;
  if (count === undefined || within === undefined) return undefined;
  return { kind: 'incidents-beyond', objective: objective.id, count, within };
}

function readMonths(cursor: Cursor, expectation = 'expected a span like "12 months"'): number | undefined {
  const value = scalar(cursor);
  const match = typeof value === 'string' ? MONTHS.exec(value) : null;
  const months = match === null ? 0 : Number(match[1]);
  if (months >= 1) return months;
  report(cursor, expectation);
  return undefined;
}
