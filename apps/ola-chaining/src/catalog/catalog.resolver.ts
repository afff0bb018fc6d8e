import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AgreementKind } from '@underpin/domain';
import { UserInputException } from '@underpin/platform';
import type { AgreementModel, CatalogModel, CatalogPublicationModel, CatalogVersionModel, FindingModel } from './catalog.model';
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
  async feasibility(@Args('agreement') agreement?: string | null): Promise<FindingModel[]> {
    const findings = (await this.versions.latest())?.findings() ?? [];
    return agreement ? findings.filter((finding) => finding.agreement === agreement) : findings;
  }

  @Query('catalogVersions')
  catalogVersions(@Args('first') first: number): Promise<CatalogVersionModel[]> {
    if (first < 1 || first > 500) throw new UserInputException([{ field: 'first', message: 'must be between 1 and 500' }]);
    return this.versions.list(first);
  }

  @Mutation('publishCatalog')
  async publishCatalog(@Args('files') files: CatalogFileInput[]): Promise<CatalogPublicationModel> {
    const outcome = await this.publishCatalogUseCase.execute(files);
    return {
      revision: outcome.index.revision,
      published: outcome.published,
      publishedAt: outcome.index.stored.publishedAt,
      agreements: outcome.index.agreements(),
      changedAgreements: outcome.changedAgreements,
      retiredAgreements: outcome.retiredAgreements,
    };
  }

  @ResolveField('agreements')
  agreements(@Parent() catalog: CatalogModel, @Args('kind') kind?: AgreementKind | null): AgreementModel[] {
    const all = catalog.index.agreements();
    return kind ? all.filter((agreement) => agreement.kind === kind) : all;
  }

  @ResolveField('agreement')
  agreement(@Parent() catalog: CatalogModel, @Args('id') id: string): AgreementModel | null {
    return catalog.index.agreement(id) ?? null;
  }

  @ResolveField('findings')
  findings(@Parent() catalog: CatalogModel): FindingModel[] {
    return catalog.index.findings();
  }
}
