// Catalogue values for specs, built the way the loader builds them: a spec states what its
// case is about and takes the loader's defaults for the rest.
import {
  DEFAULT_PAUSE_ON,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_WARN_AT,
  type AgreementSpec,
  type Catalog,
  type Metric,
  type ObjectiveRef,
  type ObjectiveSpec,
  type Target,
  type WeeklyInterval,
} from '@underpin/domain';

export const seconds = (value: number): Target => ({ unit: 'seconds', value });
export const minutes = (value: number): Target => seconds(value * 60);
export const hours = (value: number): Target => seconds(value * 3600);
export const ratio = (value: number): Target => ({ unit: 'ratio', value });
/** `percent(99.95)` is the ratio 0.9995, as the catalogue's "99.95%". */
export const percent = (value: number): Target => ratio(value / 100);
export const milliseconds = (value: number): Target => ({ unit: 'milliseconds', value });

/** Availability and MOS are good when high; every other metric measures something bad. */
function directionOf(metric: Metric): ObjectiveSpec['direction'] {
  return metric === 'availability' || metric === 'mos_avg' ? 'atLeast' : 'atMost';
}

/** An objective as the loader gives it when the YAML states only the fields given here. */
export function objective(spec: Pick<ObjectiveSpec, 'id' | 'metric' | 'target'> & Partial<ObjectiveSpec>): ObjectiveSpec {
  return {
    direction: directionOf(spec.metric),
    pauseOn: [...DEFAULT_PAUSE_ON],
    warnAt: [...DEFAULT_WARN_AT],
    perRegion: false,
    window: 'month',
    excludeMaintenance: [],
    underpinnedBy: [],
    ...spec,
  };
}

/** An agreement as the loader gives it when the YAML states only the fields given here. */
export function agreement(spec: Pick<AgreementSpec, 'id' | 'kind' | 'provider' | 'consumer' | 'objectives'> & Partial<AgreementSpec>): AgreementSpec {
  return {
    effective: {},
    window: 'month',
    timezone: 'UTC',
    activeUsers: {},
    priorityMatrix: DEFAULT_PRIORITY_MATRIX,
    exitTriggers: [],
    ...spec,
  };
}

/** A catalogue holding what is given and nothing else. */
export function catalog(spec: Partial<Catalog> = {}): Catalog {
  return { apiVersion: 'underpin/v1', parties: [], calendars: [], maintenance: [], services: [], agreements: [], ...spec };
}

/** `ref('ola-netops/p1-restore')`: an objective by agreement and objective id. */
export function ref(text: string): ObjectiveRef {
  const [agreementId, objectiveId] = text.split('/');
  if (agreementId === undefined || objectiveId === undefined) throw new Error(`ref: expected agreement/objective, got ${text}`);
  return { agreement: agreementId, objective: objectiveId };
}

export const refs = (...texts: string[]): ObjectiveRef[] => texts.map(ref);

/** The same opening hours on each of `days` (0 = Monday), from `startHour` to `endHour` local time. */
export function weekdays(days: readonly number[], startHour: number, endHour: number): WeeklyInterval[] {
  return days.map((day) => ({ day: day as WeeklyInterval['day'], startMinute: startHour * 60, endMinute: endHour * 60 }));
}

export const MONDAY_TO_FRIDAY = [0, 1, 2, 3, 4] as const;
export const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;
