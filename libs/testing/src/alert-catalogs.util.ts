import type { AgreementSpec, CalendarResolver, CatalogVersion, Catalog, Metric, ObjectiveSpec, Priority } from '@underpin/domain';
import { agreement as agreementOf, catalog as catalogOf, objective as objectiveOf, ref as refOf, seconds } from './catalog-builder.util';
import { officeCalendar, utcAlways } from './fixed-offset-calendar.util';

/**
 * Catalogue versions for the alert specs, over the parties and the service of
 * random-timeline.util (customer `c`, service `s`, parties desk, netops, vendor). Version
 * `a` is the base; `b` makes the P1 targets stricter and drops the netops OLA; `c` removes
 * the P1 resolution objective and adds a priority-free response objective.
 */
const M = 60;
const H = 3600;

const office = officeCalendar({ offsetMinutes: 60, holidays: ['2026-03-09'] });

export const alertSpecCalendarOf: CalendarResolver = (id) => (id === 'office' ? office : utcAlways);

function objective(id: string, metric: Metric, targetSeconds: number, priority: Priority | undefined, extra: Partial<ObjectiveSpec> = {}): ObjectiveSpec {
  return objectiveOf({ id, metric, target: seconds(targetSeconds), priority, ...extra });
}

function agreement(id: string, kind: AgreementSpec['kind'], provider: string, objectives: ObjectiveSpec[], extra: Partial<AgreementSpec> = {}): AgreementSpec {
  return agreementOf({ id, kind, provider, consumer: kind === 'SLA' ? 'c' : 'it', objectives, ...extra });
}

const ref = (agreementId: string, objectiveId: string) => refOf(`${agreementId}/${objectiveId}`);

function catalog(variant: 'a' | 'b' | 'c'): Catalog {
  const p1Response = variant === 'b' ? 10 * M : 15 * M;
  const p1Resolution = variant === 'b' ? 2 * H : 4 * H;
  const slaObjectives = [
    objective('p1-response', 'response_time', p1Response, 'P1', { underpinnedBy: [ref('ola-desk', 'p1-response')] }),
    objective('p2-response', 'response_time', 30 * M, 'P2'),
    objective('p3-response', 'response_time', 4 * H, 'P3', { calendar: 'office' }),
    objective('p1-resolution', 'resolution_time', p1Resolution, 'P1', {
      underpinnedBy: [ref('ola-desk', 'p1-handover'), ref('ola-netops', 'p1-restore'), ref('uc-vendor', 'p1-restore')],
    }),
    objective('p2-resolution', 'resolution_time', 8 * H, 'P2', { underpinnedBy: [ref('ola-desk', 'p2-handover'), ref('uc-vendor', 'p2-restore')] }),
    objective('p3-resolution', 'resolution_time', 24 * H, 'P3', { calendar: 'office', pauseOn: ['awaiting-customer', 'awaiting-vendor'] }),
  ].filter((o) => !(variant === 'c' && o.id === 'p1-resolution'));
  if (variant === 'c') slaObjectives.push(objective('any-response', 'response_time', 20 * M, undefined));
  const agreements = [
    agreement('sla-c', 'SLA', 'it', slaObjectives, { service: 's' }),
    agreement('ola-desk', 'OLA', 'desk', [
      objective('p1-response', 'response_time', 10 * M, 'P1'),
      objective('p1-handover', 'handover_time', variant === 'b' ? 10 * M : 15 * M, 'P1'),
      objective('p2-handover', 'handover_time', 30 * M, 'P2'),
    ]),
    agreement('ola-netops', 'OLA', 'netops', [objective('p1-restore', 'restore_time', 2 * H, 'P1')]),
    agreement('uc-vendor', 'UC', 'vendor', [
      objective('p1-restore', 'restore_time', 90 * M, 'P1', { pauseOn: [] }),
      objective('p2-restore', 'restore_time', 8 * H, 'P2', { calendar: 'office' }),
    ]),
  ].filter((a) => !(variant === 'b' && a.id === 'ola-netops'));
  return catalogOf({
    parties: [
      { id: 'c', kind: 'customer' },
      { id: 'it', kind: 'team' },
      { id: 'desk', kind: 'team' },
      { id: 'netops', kind: 'team' },
      { id: 'vendor', kind: 'vendor' },
    ],
    services: [{ id: 's', regions: [], dependsOn: [] }],
    agreements,
  });
}

export const ALERT_SPEC_CATALOGS = { a: catalog('a'), b: catalog('b'), c: catalog('c') } as const;
export type AlertSpecVariant = keyof typeof ALERT_SPEC_CATALOGS;

export function alertSpecVersion(variant: AlertSpecVariant, from: number): CatalogVersion {
  return { revision: variant, from, catalog: ALERT_SPEC_CATALOGS[variant], calendarOf: alertSpecCalendarOf };
}
