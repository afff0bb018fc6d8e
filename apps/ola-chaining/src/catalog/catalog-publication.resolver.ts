import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { AgreementConnectionModel, CatalogPublicationModel } from './catalog.model';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';

/** What publishCatalog answers: its agreements paged as catalog.agreements pages them, so one cursor serves both. */
@Resolver('CatalogPublication')
export class CatalogPublicationResolver {
  @ResolveField('agreements')
  agreements(@Parent() publication: CatalogPublicationModel, @Args('first') first: number, @Args('after') after?: string | null): AgreementConnectionModel {
    return catalogPage(publication.index, CATALOG_LISTS.agreements(), publication.index.agreements(), { first, after });
  }
}
