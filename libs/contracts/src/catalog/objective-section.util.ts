import {
  DEFAULT_PAUSE_ON,
  DEFAULT_WARN_AT,
  TIME_METRICS,
  type BurnRateRule,
  type Metric,
  type MissingDataRule,
  type ObjectiveSpec,
  type Priority,
  type Target,
  type TimeMetric,
  type Window,
} from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { isMetric } from './catalog-formats.util';
import { readReference } from './catalog-sections.util';
import { readDuration, readMilliseconds, readPercent, readScore } from './catalog-units.util';
import { booleanAt, field, items, numberAt, report, sound, text, words, type Cursor } from './yaml-cursor.util';

export function isTimeMetric(metric: Metric): metric is TimeMetric {
  return (TIME_METRICS as readonly string[]).includes(metric);
}

/** Availability and MOS are good when high; every other metric measures something bad. */
export function directionOf(metric: Metric): 'atLeast' | 'atMost' {
  return metric === 'availability' || metric === 'mos_avg' ? 'atLeast' : 'atMost';
}

/** The objective's metric when it is one, else undefined (the schema walk has said why). */
function metricAt(cursor: Cursor | undefined): Metric | undefined {
  const value = sound(cursor);
  return isMetric(value) ? (value as Metric) : undefined;
}

/**
 * A value in the unit the metric is measured in: a duration for times, a percentage for
 * availability and ratios, milliseconds for latency, a score for MOS. Tier thresholds are
 * read here too, where the unit is that of another field's metric, so this reports.
 */
export function readMeasure(cursor: Cursor, metric: Metric): Target | undefined {
  if (isTimeMetric(metric)) {
    const value = readDuration(cursor);
    return value === undefined ? undefined : { unit: 'seconds', value };
  }
  if (metric.startsWith('latency_p')) {
    const value = readMilliseconds(cursor);
    return value === undefined ? undefined : { unit: 'milliseconds', value };
  }
  if (metric === 'mos_avg') {
    const value = readScore(cursor);
    return value === undefined ? undefined : { unit: 'score', value };
  }
  // A ratio of bad things may rightly be promised as 0%; availability of 0% promises nothing.
  const value = readPercent(cursor, { allowZero: metric !== 'availability' });
  return value === undefined ? undefined : { unit: 'ratio', value };
}

export interface ObjectiveOwner {
  /** Undefined when the agreement's own id is bad: its references cannot be recorded then. */
  agreementId: string | undefined;
  window: Window;
}

export function readObjective(cursor: Cursor, refs: CatalogReferences, owner: ObjectiveOwner): ObjectiveSpec | undefined {
  const id = text(field(cursor, 'id'));
  const metric = metricAt(field(cursor, 'metric'));
  const targetAt = field(cursor, 'target');
  const target = targetAt && metric ? readMeasure(targetAt, metric) : undefined;
  const priority = text(field(cursor, 'priority')) as Priority | undefined;
  const calendar = readReference(field(cursor, 'calendar'), 'calendar', refs);
  const pauseAt = field(cursor, 'pauseOn');
  const pauseOn = pauseAt ? words(pauseAt).map((reason) => reason.value) : [...DEFAULT_PAUSE_ON];
  const warnAt = field(cursor, 'warnAt') ? readWarnAt(field(cursor, 'warnAt') as Cursor) : [...DEFAULT_WARN_AT];
  const perRegion = field(cursor, 'perRegion') ? booleanAt(field(cursor, 'perRegion')) : false;
  const window = field(cursor, 'window') ? (text(field(cursor, 'window')) as Window | undefined) : owner.window;
  const excludeMaintenance = words(field(cursor, 'excludeMaintenance')).map(({ value, at }) => {
    refs.refer('maintenance', value, at);
    return value;
  });

  const underpinnedBy: ObjectiveSpec['underpinnedBy'] = [];
  for (const { value, at } of words(field(cursor, 'underpinnedBy'))) {
    const [agreement, objective] = value.split('/');
    underpinnedBy.push({ agreement, objective });
    if (owner.agreementId !== undefined && id !== undefined) {
      refs.referObjective({ agreement: owner.agreementId, objective: id }, { agreement, objective }, at);
    }
  }

  const lossAt = field(cursor, 'lossAbove');
  const lossAbove = lossAt && readPercent(lossAt, { allowZero: true, allowHundred: false });

  if (id === undefined || metric === undefined || target === undefined) return undefined;
  if (perRegion === undefined || window === undefined) return undefined;
  const spec: ObjectiveSpec = {
    id,
    metric,
    target,
    direction: directionOf(metric),
    pauseOn,
    warnAt,
    perRegion,
    window,
    excludeMaintenance,
    underpinnedBy,
  };
  if (priority !== undefined) spec.priority = priority;
  if (calendar !== undefined) spec.calendar = calendar;
  if (lossAbove !== undefined) spec.lossAbove = lossAbove;
  Object.assign(spec, readMeasurementTerms(cursor));
  return spec;
}

/** How a period figure is measured (vantage points, missing data, rolling window, burn rates); all optional. */
function readMeasurementTerms(cursor: Cursor): Partial<ObjectiveSpec> {
  const terms: Partial<ObjectiveSpec> = {};
  const fromAt = field(cursor, 'measuredFrom');
  if (fromAt) terms.measuredFrom = words(fromAt).map(({ value }) => value);
  const quorumAt = field(cursor, 'quorum');
  const quorum = numberAt(quorumAt);
  if (quorum !== undefined && quorumAt) {
    if (terms.measuredFrom && quorum > terms.measuredFrom.length) {
      report(quorumAt, `is ${quorum}, more than the ${terms.measuredFrom.length} vantage point(s) of measuredFrom: the region could never count as down`);
    } else terms.quorum = quorum;
  }
  const missingAt = field(cursor, 'missingData');
  if (missingAt) {
    const afterAt = field(missingAt, 'after');
    const after = afterAt && readDuration(afterAt);
    const counts = text(field(missingAt, 'counts')) as MissingDataRule['counts'] | undefined;
    if (after !== undefined && afterAt && after <= 0) report(afterAt, 'expected a duration above 0');
    else if (after !== undefined && counts !== undefined) terms.missingData = { after, counts };
  }
  const degradedAt = field(cursor, 'degradedCounts');
  const degraded = degradedAt && readPercent(degradedAt, { allowZero: true });
  if (degraded !== undefined) terms.degradedCounts = degraded;
  const rollingAt = field(cursor, 'rollingWindow');
  const rolling = rollingAt && readDuration(rollingAt);
  if (rolling !== undefined && rollingAt) {
    if (rolling <= 0) report(rollingAt, 'expected a duration above 0');
    else terms.rollingWindow = rolling;
  }
  const burnAt = field(cursor, 'burnRates');
  if (burnAt) {
    const rules: BurnRateRule[] = [];
    for (const item of items(burnAt)) {
      const rule = readBurnRate(item);
      if (rule) rules.push(rule);
    }
    terms.burnRates = rules;
  }
  return terms;
}

function readBurnRate(cursor: Cursor): BurnRateRule | undefined {
  const budgetAt = field(cursor, 'budget');
  const budget = budgetAt && readPercent(budgetAt);
  const longAt = field(cursor, 'long');
  const long = longAt && readDuration(longAt);
  const shortAt = field(cursor, 'short');
  const short = shortAt && readDuration(shortAt);
  const severity = text(field(cursor, 'severity')) as BurnRateRule['severity'] | undefined;
  for (const [at, seconds] of [[longAt, long], [shortAt, short]] as const) {
    if (at && seconds !== undefined && (seconds <= 0 || seconds % 60 !== 0)) {
      report(at, 'expected whole minutes, at least 1m');
      return undefined;
    }
  }
  if (shortAt && long !== undefined && short !== undefined && short > long) {
    report(shortAt, `must not be longer than long (${short / 60} min > ${long / 60} min)`);
    return undefined;
  }
  if (budget === undefined || long === undefined || short === undefined || severity === undefined) return undefined;
  return { budget, long, short, severity };
}

function readWarnAt(cursor: Cursor): number[] {
  const seen = new Set<number>();
  for (const item of items(cursor)) {
    const ratio = readPercent(item, { allowHundred: false });
    if (ratio === undefined) continue;
    if (seen.has(ratio)) report(item, 'this warning threshold is listed twice');
    seen.add(ratio);
  }
  return [...seen].sort((a, b) => a - b);
}
