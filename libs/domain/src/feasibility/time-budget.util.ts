import { TIME_METRICS, type ObjectiveSpec } from '../catalog/catalog.model';
import { calendarLabel, type CheckContext } from './feasibility-context.type';
import { formatCatalogDuration } from '../duration/format-duration.util';
import { formatInstant } from './feasibility-format.util';
import type { Finding } from './finding.type';
import { worstCasePath } from './worst-case-path.util';

const TIME_METRIC_SET: ReadonlySet<string> = new Set(TIME_METRICS);

function isTimeObjective(objective: ObjectiveSpec): boolean {
  return TIME_METRIC_SET.has(objective.metric) && objective.target.unit === 'seconds';
}

/**
 * The underpinning time objectives of one objective form its handover path, in the order
 * `underpinnedBy` lists them: each party's stretch begins when the previous party hands over.
 * The path does not fit when its targets add up to more than the objective's target, or when
 * they can take longer than that target in the worst case once each target is placed on its
 * own calendar (four office hours started on a Friday evening end on Monday).
 */
export function checkTimeBudget(context: CheckContext): Finding[] {
  const { agreement, objective, calendars, span } = context;
  if (!isTimeObjective(objective)) return [];
  const path = context.underpinnings.filter((underpinning) => isTimeObjective(underpinning.objective));
  if (path.length === 0) return [];

  const target = objective.target.value;
  const nominal = path.reduce((sum, step) => sum + step.objective.target.value, 0);
  const measuredOn = calendars(objective.calendar);
  const worst = worstCasePath(
    path.map((step) => ({ seconds: step.objective.target.value, calendar: calendars(step.objective.calendar) })),
    measuredOn,
    span,
  );
  if (nominal <= target && worst.counted <= target) return [];

  const steps = path
    .map((step) => `${formatCatalogDuration(step.objective.target.value)} (${step.ref}, ${calendarLabel(step.objective)})`)
    .join(' + ');
  const sum = `${steps} = ${formatCatalogDuration(nominal)} of targets`;
  const onCalendar = `counted on ${calendarLabel(objective)}`;
  const worstText =
    worst.counted > nominal
      ? `; in the worst case (starting ${formatInstant(worst.startAt)}) the path takes ${formatCatalogDuration(worst.counted)} ${onCalendar}`
      : '';
  return [
    {
      agreement: agreement.id,
      objective: objective.id,
      kind: 'time-budget',
      detail: `handover path ${sum}${worstText}, against a target of ${formatCatalogDuration(target)}`,
    },
  ];
}
