import type { AgreementKind, Priority, Window } from '@underpin/domain';
import type { ConnectionModel } from '@underpin/platform';
import type { CatalogIndex } from './catalog-index.util';

/**
 * The types of the subgraph (apps/ola-chaining/schema.graphql), built from the catalogue
 * model. `index` is not in the schema: field resolvers use it to walk the chain and to page
 * the catalogue's lists (parties, calendars, maintenance, services, agreements, findings).
 */
export interface CatalogModel {
  revision: string;
  publishedAt: Date;
  files: string[];
  index: CatalogIndex;
}

export interface PartyModel {
  id: string;
  kind: 'customer' | 'team' | 'vendor';
  name: string | null;
}

export interface WeeklyIntervalModel {
  day: string;
  from: string;
  to: string;
}

export interface CalendarModel {
  id: string;
  timezone: string;
  weekly: WeeklyIntervalModel[];
  holidays: string[];
}

export interface MaintenanceModel {
  id: string;
  timezone: string;
  weekly: WeeklyIntervalModel[];
  oneOff: Array<{ from: Date; to: Date }>;
}

export interface CatalogServiceModel {
  id: string;
  name: string | null;
  regions: string[];
  dependsOn: string[];
}

export interface AgreementModel {
  id: string;
  kind: AgreementKind;
  provider: string;
  consumer: string;
  service: string | null;
  serviceClass: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  window: Window;
  timezone: string;
  fee: { monthly: number; currency: string } | null;
  activeUsers: Array<{ region: string; users: number }>;
  catalogRevision: string;
  objectives: ObjectiveModel[];
  index: CatalogIndex;
}

export interface ObjectiveRefModel {
  agreement: string;
  objective: string;
  ref: string;
}

export interface ObjectiveModel {
  /** `agreement-id/objective-id` */
  ref: string;
  id: string;
  agreementId: string;
  metric: string;
  target: string;
  targetValue: number;
  targetUnit: 'seconds' | 'ratio' | 'milliseconds' | 'score';
  direction: 'atLeast' | 'atMost';
  priority: Priority | null;
  calendar: string | null;
  perRegion: boolean;
  window: Window;
  pauseOn: string[];
  warnAt: number[];
  excludeMaintenance: string[];
  lossAbove: number | null;
  underpinnedBy: ObjectiveRefModel[];
  index: CatalogIndex;
}

export interface FindingModel {
  agreement: string;
  objective: string | null;
  kind: string;
  detail: string;
}

/** `agreements` is paged by its field resolver, from `index`. */
export interface CatalogPublicationModel {
  revision: string;
  published: boolean;
  publishedAt: Date;
  changedAgreements: string[];
  retiredAgreements: string[];
  index: CatalogIndex;
}

export interface CatalogVersionModel {
  version: number;
  revision: string;
  publishedAt: Date;
  files: string[];
  agreementCount: number;
}

export type PartyConnectionModel = ConnectionModel<PartyModel>;
export type CalendarConnectionModel = ConnectionModel<CalendarModel>;
export type MaintenanceConnectionModel = ConnectionModel<MaintenanceModel>;
export type CatalogServiceConnectionModel = ConnectionModel<CatalogServiceModel>;
export type AgreementConnectionModel = ConnectionModel<AgreementModel>;
export type ObjectiveConnectionModel = ConnectionModel<ObjectiveModel>;
export type FindingConnectionModel = ConnectionModel<FindingModel>;
export type CatalogVersionConnectionModel = ConnectionModel<CatalogVersionModel>;
