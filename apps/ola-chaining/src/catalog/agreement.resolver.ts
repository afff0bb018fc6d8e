import { Args, Parent } from '@nestjs/graphql';
import { Query, typeResolver } from '../graphql/schema-resolvers.util';
import type { AgreementModel, AgreementObjectiveArgs, FindingModel, ObjectiveModel, PartyModel, QueryAgreementArgs } from '../graphql/schema.type';
import { CatalogVersionsService } from './catalog-versions.service';

const Agreement = typeResolver('Agreement');

@Agreement.Resolver()
export class AgreementResolver {
  constructor(private readonly versions: CatalogVersionsService) {}

  @Query('agreement')
  async agreement(@Args() { id }: QueryAgreementArgs): Promise<AgreementModel | null> {
    return (await this.versions.latest())?.agreement(id) ?? null;
  }

  @Agreement.ResolveReference()
  resolveReference(reference: Pick<AgreementModel, 'id'>): Promise<AgreementModel | null> {
    return this.agreement(reference);
  }

  @Agreement.ResolveField('providerParty')
  async providerParty(@Parent() agreement: AgreementModel): Promise<PartyModel | null> {
    return (await this.versions.byRevision(agreement.catalogRevision)).party(agreement.provider) ?? null;
  }

  @Agreement.ResolveField('consumerParty')
  async consumerParty(@Parent() agreement: AgreementModel): Promise<PartyModel | null> {
    return (await this.versions.byRevision(agreement.catalogRevision)).party(agreement.consumer) ?? null;
  }

  @Agreement.ResolveField('objective')
  objective(@Parent() agreement: AgreementModel, @Args() { id }: AgreementObjectiveArgs): ObjectiveModel | null {
    return agreement.objectives.find((objective) => objective.id === id) ?? null;
  }

  @Agreement.ResolveField('findings')
  async findings(@Parent() agreement: AgreementModel): Promise<FindingModel[]> {
    return (await this.versions.byRevision(agreement.catalogRevision)).findings().filter((finding) => finding.agreement === agreement.id);
  }
}
