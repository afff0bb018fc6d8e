import { analyzeFeasibility, catalogCalendars, type Catalog } from '@underpin/domain';
import type { AgreementModel, CalendarModel, CatalogModel, CatalogServiceModel, FindingModel, MaintenanceModel, ObjectiveModel, PartyModel } from '../graphql/schema.type';
import { toAgreementModel, toCalendarModel, toMaintenanceModel } from './catalog-mapper.util';

export interface StoredCatalog {
  version: number;
  revision: string;
  publishedAt: Date;
  files: string[];
  catalog: Catalog;
}

/**
 * One published catalogue version, indexed for the questions the subgraph answers: by id,
 * down the chain (underpinnedBy) and up it (what an objective underpins). Versions never
 * change, so everything is computed once, on first use. The models it hands out are plain
 * data naming their revision; field resolvers look the index up again by it.
 */
export class CatalogIndex {
  private partyModels: PartyModel[] | undefined;
  private calendarModels: CalendarModel[] | undefined;
  private maintenanceModels: MaintenanceModel[] | undefined;
  private serviceModels: CatalogServiceModel[] | undefined;
  private agreementModels: AgreementModel[] | undefined;
  private byAgreement: Map<string, AgreementModel> | undefined;
  private byRef: Map<string, ObjectiveModel> | undefined;
  private upward: Map<string, ObjectiveModel[]> | undefined;
  private feasibility: FindingModel[] | undefined;

  constructor(readonly stored: StoredCatalog) {}

  get revision(): string {
    return this.stored.revision;
  }

  get catalog(): Catalog {
    return this.stored.catalog;
  }

  model(): CatalogModel {
    const { revision, publishedAt, files } = this.stored;
    return { revision, publishedAt, files };
  }

  parties(): PartyModel[] {
    this.partyModels ??= this.catalog.parties.map(toPartyModel);
    return this.partyModels;
  }

  calendars(): CalendarModel[] {
    this.calendarModels ??= this.catalog.calendars.map(toCalendarModel);
    return this.calendarModels;
  }

  maintenance(): MaintenanceModel[] {
    this.maintenanceModels ??= this.catalog.maintenance.map(toMaintenanceModel);
    return this.maintenanceModels;
  }

  services(): CatalogServiceModel[] {
    this.serviceModels ??= this.catalog.services.map((service) => ({ id: service.id, name: service.name ?? null, regions: service.regions, dependsOn: service.dependsOn }));
    return this.serviceModels;
  }

  agreements(): AgreementModel[] {
    this.agreementModels ??= this.catalog.agreements.map((agreement) => toAgreementModel(agreement, this.revision));
    return this.agreementModels;
  }

  agreement(id: string): AgreementModel | undefined {
    this.byAgreement ??= new Map(this.agreements().map((agreement) => [agreement.id, agreement]));
    return this.byAgreement.get(id);
  }

  objective(ref: string): ObjectiveModel | undefined {
    this.byRef ??= new Map(this.agreements().flatMap((agreement) => agreement.objectives.map((objective) => [objective.ref, objective] as const)));
    return this.byRef.get(ref);
  }

  /** The objectives that name `ref` in their underpinnedBy, in catalogue order. */
  underpins(ref: string): ObjectiveModel[] {
    if (!this.upward) {
      this.upward = new Map();
      for (const agreement of this.agreements()) {
        for (const objective of agreement.objectives) {
          for (const below of objective.underpinnedBy) this.upward.set(below.ref, [...(this.upward.get(below.ref) ?? []), objective]);
        }
      }
    }
    return this.upward.get(ref) ?? [];
  }

  party(id: string): PartyModel | undefined {
    const party = this.catalog.parties.find((candidate) => candidate.id === id);
    return party && toPartyModel(party);
  }

  /** The static feasibility analysis of this version (time budgets, calendar gaps, …). */
  findings(): FindingModel[] {
    this.feasibility ??= analyzeFeasibility(this.catalog, catalogCalendars(this.catalog)).map((finding) => ({ ...finding }));
    return this.feasibility;
  }
}

function toPartyModel(party: Catalog['parties'][number]): PartyModel {
  return { id: party.id, kind: party.kind, name: party.name ?? null };
}
