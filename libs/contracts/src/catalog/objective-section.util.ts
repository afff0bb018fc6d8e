import {
  DEFAULT_PAUSE_ON,
  DEFAULT_WARN_AT,
  TIME_METRICS,
  type Metric,
  type ObjectiveSpec,
  type Target,
  type TimeMetric,
  type Window,
} from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { CATALOG_KEYS, KNOWN_PAUSE_REASONS, LATENCY_METRIC, NAMED_METRICS, PRIORITIES, WINDOWS } from './catalog-keys.constant';
import { readIdItems } from './catalog-sections.util';
import {
  DURATION_EXPECTATION,
  MILLISECONDS_EXPECTATION,
  PERCENT_EXPECTATION,
  readDuration,
  readMilliseconds,
  readPercent,
} from './catalog-units.util';
import { closestMatch, didYouMean } from './did-you-mean.util';
import {
  isId,
  readBoolean,
  readEnum,
  readId,
  readListOf,
  readMap,
  readNumber,
  report,
  scalar,
  type Cursor,
} from './yaml-cursor.util';

const MOS_EXPECTATION = 'expected a MOS score from 1 to 5, like 3.8';

export function isTimeMetric(metric: Metric): metric is TimeMetric {
  return (TIME_METRICS as readonly string[]).includes(metric);
}

/** Availability and MOS are good when high; every other metric measures something bad. */
export function directionOf(metric: Metric): 'atLeast' | 'atMost' {
  return metric === 'availability' || metric === 'mos_avg' ? 'atLeast' : 'atMost';
}

export function targetExpectation(metric: Metric): string {
  if (isTimeMetric(metric)) return DURATION_EXPECTATION;
  if (metric.startsWith('latency_p')) return MILLISECONDS_EXPECTATION;
  if (metric === 'mos_avg') return MOS_EXPECTATION;
  return PERCENT_EXPECTATION;
}

export function readMetric(cursor: Cursor): Metric | undefined {
  const value = scalar(cursor);
  if (typeof value === 'string') {
    if (NAMED_METRICS.includes(value)) return value as Metric;
    const latency = LATENCY_METRIC.exec(value);
    if (latency !== null && Number(latency[1]) > 0) return value as Metric;
  }
  const shown = typeof value === 'string' ? ` "${value}"` : '';
  const hint = typeof value === 'string' ? didYouMean(value, NAMED_METRICS) : '';
  const expected = `expected one of ${NAMED_METRICS.join(', ')} or latency_pNN`;
  report(cursor, hint ? `unknown metric${shown}${hint}` : `unknown metric${shown}; ${expected}`);
  return undefined;
}

/**
 * A value in the unit the metric is measured in: a duration for times, a percentage for
 * availability and ratios, milliseconds for latency, a score for MOS.
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
    const value = readNumber(cursor, { min: 1, max: 5 }, MOS_EXPECTATION);
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
  const fields = readMap(cursor, CATALOG_KEYS.objective);
  if (fields === undefined) return undefined;
  const idAt = fields.require('id', 'expected an id');
  const id = idAt && readId(idAt);
  const metricAt = fields.require('metric', 'expected a metric like "availability" or "resolution_time"');
  const metric = metricAt && readMetric(metricAt);
  const targetAt = fields.require('target', metric ? targetExpectation(metric) : 'expected a target');
  const target = targetAt && metric ? readMeasure(targetAt, metric) : undefined;

  const priorityAt = fields.get('priority');
  const priority = priorityAt && readEnum(priorityAt, PRIORITIES);
  if (priorityAt && metric && !isTimeMetric(metric)) {
    report(priorityAt, 'priority applies only to incident time objectives (response_time, resolution_time, …)');
  }
  const calendarAt = fields.get('calendar');
  const calendar = calendarAt && readId(calendarAt);
  if (calendarAt && calendar !== undefined) refs.refer('calendar', calendar, calendarAt);

  const pauseAt = fields.get('pauseOn');
  const pauseOn = pauseAt ? readPauseReasons(pauseAt) : [...DEFAULT_PAUSE_ON];
  const warnAt = fields.get('warnAt') ? readWarnAt(fields.get('warnAt') as Cursor) : [...DEFAULT_WARN_AT];
  const perRegionAt = fields.get('perRegion');
  const perRegion = perRegionAt ? readBoolean(perRegionAt) : false;
  const windowAt = fields.get('window');
  const window = windowAt ? readEnum(windowAt, WINDOWS) : owner.window;

  const excludeMaintenance: string[] = [];
  for (const item of readIdItems(fields.get('excludeMaintenance'))) {
    refs.refer('maintenance', item.id, item.at);
    excludeMaintenance.push(item.id);
  }

  const underpinnedBy: ObjectiveSpec['underpinnedBy'] = [];
  const underAt = fields.get('underpinnedBy');
  const readRef = (item: Cursor) => readObjectiveRef(item);
  for (const { ref, at } of underAt ? readListOf(underAt, readRef, 'expected a list like [ola-netops/p1-restore]') : []) {
    if (underpinnedBy.some((r) => r.agreement === ref.agreement && r.objective === ref.objective)) {
      report(at, `"${ref.agreement}/${ref.objective}" is listed twice`);
      continue;
    }
    underpinnedBy.push(ref);
    if (owner.agreementId !== undefined && id !== undefined) {
      refs.referObjective({ agreement: owner.agreementId, objective: id }, ref, at);
    }
  }

  const lossAt = fields.get('lossAbove');
  const lossAbove = lossAt && readPercent(lossAt, { allowZero: true, allowHundred: false });
  if (lossAt && metric && metric !== 'lossy_interval_ratio') {
    report(lossAt, 'lossAbove applies only to lossy_interval_ratio objectives');
  }

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
  return spec;
}

function readObjectiveRef(cursor: Cursor): { ref: { agreement: string; objective: string }; at: Cursor } | undefined {
  const value = scalar(cursor);
  const parts = typeof value === 'string' ? value.split('/') : [];
  if (parts.length !== 2 || !isId(parts[0]) || !isId(parts[1])) {
    report(cursor, 'expected an objective reference like "ola-netops/p1-restore"');
    return undefined;
  }
  return { ref: { agreement: parts[0], objective: parts[1] }, at: cursor };
}

/**
 * Any reason id is allowed (events may carry reasons of their own), but a near miss of a
 * reason the field uses is a typo that would silently keep a clock running.
 */
function readPauseReasons(cursor: Cursor): string[] {
  const reasons: string[] = [];
  for (const { id, at } of readIdItems(cursor)) {
    const near = closestMatch(id, KNOWN_PAUSE_REASONS);
    if (near !== undefined && near !== id) {
      report(at, `unknown pause reason "${id}" (did you mean "${near}"?)`);
      continue;
    }
    reasons.push(id);
  }
  return reasons;
}

function readWarnAt(cursor: Cursor): number[] {
  const read = (item: Cursor) => {
    const ratio = readPercent(item, { allowHundred: false });
    return ratio === undefined ? undefined : { ratio, at: item };
  };
  const items = readListOf(cursor, read, 'expected a list of percentages like ["50%", "75%", "90%"]');
  const seen = new Set<number>();
  for (const { ratio, at } of items) {
    if (seen.has(ratio)) report(at, 'this warning threshold is listed twice');
    seen.add(ratio);
  }
  return [...seen].sort((a, b) => a - b);
}
