import type { AgreementSpec, EpochMs, ObjectiveSpec } from '../catalog/catalog.model';
import type { CalendarResolver } from './finding.type';

/** An objective named in `underpinnedBy`, found in the catalogue. */
export interface Underpinning {
  /** `agreement-id/objective-id`, as the catalogue spells it. */
  ref: string;
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
}

/** What every check of one objective shares. */
export interface CheckContext {
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
  underpinnings: Underpinning[];
  calendars: CalendarResolver;
  span: { from: EpochMs; to: EpochMs };
}

export function calendarLabel(objective: ObjectiveSpec): string {
  return objective.calendar ?? 'all hours';
}
