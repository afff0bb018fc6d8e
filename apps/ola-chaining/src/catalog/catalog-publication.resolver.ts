import { Args, Parent } from '@nestjs/graphql';
import { typeResolver } from '../graphql/schema-resolvers.util';
import type { AgreementConnectionModel, CatalogPublicationAgreementsArgs, CatalogPublicationModel } from '../graphql/schema.type';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';
import { CatalogVersionsService } from './catalog-versions.service';

const CatalogPublication = typeResolver('CatalogPublication');

/** What publishCatalog answers: its agreements paged as catalog.agreements pages them, so one cursor serves both. */
@CatalogPublication.Resolver()
export class CatalogPublicationResolver {
  constructor(private readonly versions: CatalogVersionsService) {}

  @CatalogPublication.ResolveField('agreements')
  async agreements(@Parent() { revision }: CatalogPublicationModel, @Args() { first, after }: CatalogPublicationAgreementsArgs): Promise<AgreementConnectionModel> {
    const index = await this.versions.byRevision(revision);
    return catalogPage(index, CATALOG_LISTS.agreements(), index.agreements(), { first, after });
  }
}
