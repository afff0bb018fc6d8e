import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { AgreementModel, FindingModel, ObjectiveConnectionModel, ObjectiveModel } from './catalog.model';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';
import { CatalogVersionsService } from './catalog-versions.service';

/** Walks the chain both ways: down to what an objective rests on, up to what rests on it. */
@Resolver('Objective')
export class ObjectiveResolver {
  constructor(private readonly versions: CatalogVersionsService) {}

  @Query('objective')
  async objective(@Args('ref') ref: string): Promise<ObjectiveModel | null> {
    return (await this.versions.latest())?.objective(ref) ?? null;
  }

  @ResolveReference()
  resolveReference(reference: { ref: string }): Promise<ObjectiveModel | null> {
    return this.objective(reference.ref);
  }

  @ResolveField('agreement')
  agreement(@Parent() objective: ObjectiveModel): AgreementModel {
    return objective.index.agreement(objective.agreementId)!;
  }

  @ResolveField('underpinnings')
  underpinnings(@Parent() objective: ObjectiveModel): ObjectiveModel[] {
    // The loader rejects references to unknown objectives, so each one resolves.
    return objective.underpinnedBy.flatMap((ref) => objective.index.objective(ref.ref) ?? []);
  }

  @ResolveField('underpins')
  underpins(@Parent() objective: ObjectiveModel, @Args('first') first: number, @Args('after') after?: string | null): ObjectiveConnectionModel {
    return catalogPage(objective.index, CATALOG_LISTS.underpins(objective.ref), objective.index.underpins(objective.ref), { first, after });
  }

  @ResolveField('findings')
  findings(@Parent() objective: ObjectiveModel): FindingModel[] {
    return objective.index.findings().filter((finding) => finding.agreement === objective.agreementId && finding.objective === objective.id);
  }
}
