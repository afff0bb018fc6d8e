import { formatCatalogDuration, type AgreementSpec, type CalendarSpec, type MaintenanceSpec, type ObjectiveSpec, type Target, type WeeklyInterval } from '@underpin/domain';
import type { AgreementModel, CalendarModel, MaintenanceModel, ObjectiveModel, WeeklyIntervalModel } from '../graphql/schema.type';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Removes the binary noise of ratio × 100 (0.9995 × 100 = 99.94999…). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** A target as the catalogue writes it: `4h`, `99.95%`, `250ms`, `3.5`. */
export function formatTarget(target: Target): string {
  switch (target.unit) {
    case 'seconds':
      return formatCatalogDuration(target.value);
    case 'ratio':
      return `${tidy(target.value * 100)}%`;
    case 'milliseconds':
      return `${tidy(target.value)}ms`;
    case 'score':
      return String(tidy(target.value));
  }
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function toWeeklyModel(interval: WeeklyInterval): WeeklyIntervalModel {
  return { day: DAYS[interval.day], from: clock(interval.startMinute), to: clock(interval.endMinute) };
}

export function toCalendarModel(calendar: CalendarSpec): CalendarModel {
  return { id: calendar.id, timezone: calendar.timezone, weekly: calendar.weekly.map(toWeeklyModel), holidays: calendar.holidays };
}

export function toMaintenanceModel(maintenance: MaintenanceSpec): MaintenanceModel {
  return {
    id: maintenance.id,
    timezone: maintenance.timezone,
    weekly: maintenance.weekly.map(toWeeklyModel),
    oneOff: maintenance.oneOff.map((window) => ({ from: new Date(window.from), to: new Date(window.to) })),
  };
}

export function toObjectiveModel(agreementId: string, objective: ObjectiveSpec, catalogRevision: string): ObjectiveModel {
  return {
    ref: `${agreementId}/${objective.id}`,
    id: objective.id,
    agreementId,
    metric: objective.metric,
    target: formatTarget(objective.target),
    targetValue: objective.target.value,
    targetUnit: objective.target.unit,
    direction: objective.direction,
    priority: objective.priority ?? null,
    calendar: objective.calendar ?? null,
    perRegion: objective.perRegion,
    window: objective.window,
    pauseOn: objective.pauseOn,
    warnAt: objective.warnAt,
    excludeMaintenance: objective.excludeMaintenance,
    lossAbove: objective.lossAbove ?? null,
    underpinnedBy: objective.underpinnedBy.map((ref) => ({ agreement: ref.agreement, objective: ref.objective, ref: `${ref.agreement}/${ref.objective}` })),
    catalogRevision,
  };
}

export function toAgreementModel(agreement: AgreementSpec, catalogRevision: string): AgreementModel {
  return {
    id: agreement.id,
    kind: agreement.kind,
    provider: agreement.provider,
    consumer: agreement.consumer,
    service: agreement.service ?? null,
    serviceClass: agreement.serviceClass ?? null,
    effectiveFrom: agreement.effective.from ?? null,
    effectiveTo: agreement.effective.to ?? null,
    window: agreement.window,
    timezone: agreement.timezone,
    fee: agreement.fee ?? null,
    activeUsers: Object.entries(agreement.activeUsers).map(([region, users]) => ({ region, users })),
    catalogRevision,
    objectives: agreement.objectives.map((objective) => toObjectiveModel(agreement.id, objective, catalogRevision)),
  };
}
