import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AgreementKind } from '@underpin/domain';
import type {
  AgreementConnectionModel,
  AgreementModel,
  CalendarConnectionModel,
  CatalogModel,
  CatalogPublicationModel,
  CatalogServiceConnectionModel,
  CatalogVersionConnectionModel,
  FindingConnectionModel,
  MaintenanceConnectionModel,
  PartyConnectionModel,
} from './catalog.model';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';
import { CatalogVersionsService } from './catalog-versions.service';
import type { CatalogFileInput } from './dto/catalog-file.input';
import { PublishCatalogUseCase } from './use-cases/publish-catalog/publish-catalog.use-case';

@Resolver('Catalog')
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
  async feasibility(@Args('agreement') agreement: string | null | undefined, @Args('first') first: number, @Args('after') after?: string | null): Promise<FindingConnectionModel> {
    const index = await this.versions.latest();
    const findings = index?.findings() ?? [];
    const selected = agreement ? findings.filter((finding) => finding.agreement === agreement) : findings;
    return catalogPage(index, CATALOG_LISTS.findings(agreement), selected, { first, after });
  }

  @Query('catalogVersions')
  catalogVersions(@Args('first') first: number, @Args('after') after?: string | null): Promise<CatalogVersionConnectionModel> {
    return this.versions.page({ first, after });
  }

  @Mutation('publishCatalog')
  async publishCatalog(@Args('files') files: CatalogFileInput[]): Promise<CatalogPublicationModel> {
    const outcome = await this.publishCatalogUseCase.execute(files);
    return {
      revision: outcome.index.revision,
      published: outcome.published,
      publishedAt: outcome.index.stored.publishedAt,
      changedAgreements: outcome.changedAgreements,
      retiredAgreements: outcome.retiredAgreements,
      index: outcome.index,
    };
  }

  @ResolveField('parties')
  parties(@Parent() catalog: CatalogModel, @Args('first') first: number, @Args('after') after?: string | null): PartyConnectionModel {
    return catalogPage(catalog.index, CATALOG_LISTS.parties, catalog.index.parties(), { first, after });
  }

  @ResolveField('calendars')
  calendars(@Parent() catalog: CatalogModel, @Args('first') first: number, @Args('after') after?: string | null): CalendarConnectionModel {
    return catalogPage(catalog.index, CATALOG_LISTS.calendars, catalog.index.calendars(), { first, after });
  }

  @ResolveField('maintenance')
  maintenance(@Parent() catalog: CatalogModel, @Args('first') first: number, @Args('after') after?: string | null): MaintenanceConnectionModel {
    return catalogPage(catalog.index, CATALOG_LISTS.maintenance, catalog.index.maintenance(), { first, after });
  }

  @ResolveField('services')
  services(@Parent() catalog: CatalogModel, @Args('first') first: number, @Args('after') after?: string | null): CatalogServiceConnectionModel {
    return catalogPage(catalog.index, CATALOG_LISTS.services, catalog.index.services(), { first, after });
  }

  @ResolveField('agreements')
  agreements(
    @Parent() catalog: CatalogModel,
    @Args('kind') kind: AgreementKind | null | undefined,
    @Args('first') first: number,
    @Args('after') after?: string | null,
  ): AgreementConnectionModel {
    const all = catalog.index.agreements();
    const selected = kind ? all.filter((agreement) => agreement.kind === kind) : all;
    return catalogPage(catalog.index, CATALOG_LISTS.agreements(kind), selected, { first, after });
  }

  @ResolveField('agreement')
  agreement(@Parent() catalog: CatalogModel, @Args('id') id: string): AgreementModel | null {
    return catalog.index.agreement(id) ?? null;
  }

  @ResolveField('findings')
  findings(@Parent() catalog: CatalogModel, @Args('first') first: number, @Args('after') after?: string | null): FindingConnectionModel {
    return catalogPage(catalog.index, CATALOG_LISTS.findings(), catalog.index.findings(), { first, after });
  }
}
