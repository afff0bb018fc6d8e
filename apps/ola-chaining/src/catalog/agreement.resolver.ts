import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { AgreementModel, FindingModel, ObjectiveModel, PartyModel } from './catalog.model';
import { CatalogVersionsService } from './catalog-versions.service';

@Resolver('Agreement')
export class AgreementResolver {
  constructor(private readonly versions: CatalogVersionsService) {}

  @Query('agreement')
  async agreement(@Args('id') id: string): Promise<AgreementModel | null> {
    return (await this.versions.latest())?.agreement(id) ?? null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<AgreementModel | null> {
    return this.agreement(reference.id);
  }

  @ResolveField('providerParty')
  providerParty(@Parent() agreement: AgreementModel): PartyModel | null {
    return agreement.index.party(agreement.provider) ?? null;
  }

  @ResolveField('consumerParty')
  consumerParty(@Parent() agreement: AgreementModel): PartyModel | null {
    return agreement.index.party(agreement.consumer) ?? null;
  }

  @ResolveField('objective')
  objective(@Parent() agreement: AgreementModel, @Args('id') id: string): ObjectiveModel | null {
    return agreement.objectives.find((objective) => objective.id === id) ?? null;
  }

  @ResolveField('findings')
  findings(@Parent() agreement: AgreementModel): FindingModel[] {
    return agreement.index.findings().filter((finding) => finding.agreement === agreement.id);
  }
}
