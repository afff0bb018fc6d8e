import { Args, Parent } from '@nestjs/graphql';
import { Mutation, Query, typeResolver } from '../graphql/schema-resolvers.util';
import type {
  AgreementConnectionModel,
  AgreementModel,
  CalendarConnectionModel,
  CatalogAgreementArgs,
  CatalogAgreementsArgs,
  CatalogCalendarsArgs,
  CatalogFindingsArgs,
  CatalogMaintenanceArgs,
  CatalogModel,
  CatalogPartiesArgs,
  CatalogPublicationModel,
  CatalogServiceConnectionModel,
  CatalogServicesArgs,
  CatalogVersionConnectionModel,
  FindingConnectionModel,
  MaintenanceConnectionModel,
  MutationPublishCatalogArgs,
  PartyConnectionModel,
  QueryCatalogVersionsArgs,
  QueryFeasibilityArgs,
} from '../graphql/schema.type';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';
import { CatalogVersionsService } from './catalog-versions.service';
import { PublishCatalogUseCase } from './use-cases/publish-catalog/publish-catalog.use-case';

const Catalog = typeResolver('Catalog');

@Catalog.Resolver()
export class CatalogResolver {
  constructor(
    private readonly versions: CatalogVersionsService,
    private readonly publishCatalogUseCase: PublishCatalogUseCase,
  ) {}

  @Query('catalog')
  async catalog(): Promise<CatalogModel | null> {
    return (await this.versions.latest())?.model() ?? null;
  }

  @Query('feasibility')
  async feasibility(@Args() { agreement, first, after }: QueryFeasibilityArgs): Promise<FindingConnectionModel> {
    const index = await this.versions.latest();
    const findings = index?.findings() ?? [];
    const selected = agreement ? findings.filter((finding) => finding.agreement === agreement) : findings;
    return catalogPage(index, CATALOG_LISTS.findings(agreement), selected, { first, after });
  }

  @Query('catalogVersions')
  catalogVersions(@Args() { first, after }: QueryCatalogVersionsArgs): Promise<CatalogVersionConnectionModel> {
    return this.versions.page({ first, after });
  }

  @Mutation('publishCatalog')
  async publishCatalog(@Args() { files }: MutationPublishCatalogArgs): Promise<CatalogPublicationModel> {
    const outcome = await this.publishCatalogUseCase.execute(files);
    return {
      revision: outcome.index.revision,
      published: outcome.published,
      publishedAt: outcome.index.stored.publishedAt,
      changedAgreements: outcome.changedAgreements,
      retiredAgreements: outcome.retiredAgreements,
    };
  }

  @Catalog.ResolveField('parties')
  async parties(@Parent() { revision }: CatalogModel, @Args() { first, after }: CatalogPartiesArgs): Promise<PartyConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.parties, index.parties(), { first, after });
  }

  @Catalog.ResolveField('calendars')
  async calendars(@Parent() { revision }: CatalogModel, @Args() { first, after }: CatalogCalendarsArgs): Promise<CalendarConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.calendars, index.calendars(), { first, after });
  }

  @Catalog.ResolveField('maintenance')
  async maintenance(@Parent() { revision }: CatalogModel, @Args() { first, after }: CatalogMaintenanceArgs): Promise<MaintenanceConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.maintenance, index.maintenance(), { first, after });
  }

  @Catalog.ResolveField('services')
  async services(@Parent() { revision }: CatalogModel, @Args() { first, after }: CatalogServicesArgs): Promise<CatalogServiceConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.services, index.services(), { first, after });
  }

  @Catalog.ResolveField('agreements')
  async agreements(@Parent() { revision }: CatalogModel, @Args() { kind, first, after }: CatalogAgreementsArgs): Promise<AgreementConnectionModel> {
    const index = await this.versions.byRevision(revision);
    const all = index.agreements();
    const selected = kind ? all.filter((agreement) => agreement.kind === kind) : all;
    return catalogPage(index, CATALOG_LISTS.agreements(kind), selected, { first, after });
  }

  @Catalog.ResolveField('agreement')
  async agreement(@Parent() { revision }: CatalogModel, @Args() { id }: CatalogAgreementArgs): Promise<AgreementModel | null> {
    return (await this.versions.byRevision(revision)).agreement(id) ?? null;
  }

  @Catalog.ResolveField('findings')
  async findings(@Parent() { revision }: CatalogModel, @Args() { first, after }: CatalogFindingsArgs): Promise<FindingConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.findings(), index.findings(), { first, after });
  }
}
