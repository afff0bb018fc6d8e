import { Args, Parent } from '@nestjs/graphql';
import { Query, typeResolver } from '../graphql/schema-resolvers.util';
import type { AgreementModel, FindingModel, ObjectiveConnectionModel, ObjectiveModel, ObjectiveUnderpinsArgs, QueryObjectiveArgs } from '../graphql/schema.type';
import { CATALOG_LISTS, catalogPage } from './catalog-pages.util';
import { CatalogVersionsService } from './catalog-versions.service';

const Objective = typeResolver('Objective');

/** Walks the chain both ways: down to what an objective rests on, up to what rests on it. */
@Objective.Resolver()
export class ObjectiveResolver {
  constructor(private readonly versions: CatalogVersionsService) {}

  @Query('objective')
  async objective(@Args() { ref }: QueryObjectiveArgs): Promise<ObjectiveModel | null> {
    return (await this.versions.latest())?.objective(ref) ?? null;
  }

  @Objective.ResolveReference()
  resolveReference(reference: Pick<ObjectiveModel, 'ref'>): Promise<ObjectiveModel | null> {
    return this.objective(reference);
  }

  @Objective.ResolveField('agreement')
  async agreement(@Parent() objective: ObjectiveModel): Promise<AgreementModel> {
    const agreement = (await this.versions.byRevision(objective.catalogRevision)).agreement(objective.agreementId);
    // The loader refuses an objective outside an agreement; this is a broken index, not bad input.
    if (!agreement) throw new Error(`objective ${objective.ref} has no agreement in revision ${objective.catalogRevision}`);
    return agreement;
  }

  @Objective.ResolveField('underpinnings')
  async underpinnings(@Parent() objective: ObjectiveModel): Promise<ObjectiveModel[]> {
    const index = await this.versions.byRevision(objective.catalogRevision);
    // The loader rejects references to unknown objectives, so each one resolves.
    return objective.underpinnedBy.flatMap((ref) => index.objective(ref.ref) ?? []);
  }

  @Objective.ResolveField('underpins')
  async underpins(@Parent() objective: ObjectiveModel, @Args() { first, after }: ObjectiveUnderpinsArgs): Promise<ObjectiveConnectionModel> {
    const index = await this.versions.byRevision(objective.catalogRevision);
    return catalogPage(index, CATALOG_LISTS.underpins(objective.ref), index.underpins(objective.ref), { first, after });
  }

  @Objective.ResolveField('findings')
  async findings(@Parent() objective: ObjectiveModel): Promise<FindingModel[]> {
    const index = await this.versions.byRevision(objective.catalogRevision);
    return index.findings().filter((finding) => finding.agreement === objective.agreementId && finding.objective === objective.id);
  }
}
