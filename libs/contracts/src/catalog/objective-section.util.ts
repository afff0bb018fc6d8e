import {
  DEFAULT_PAUSE_ON,
  DEFAULT_WARN_AT,
  TIME_METRICS,
  type Metric,
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
import { booleanAt, field, items, report, sound, text, words, type Cursor } from './yaml-cursor.util';

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
  return spec;
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
