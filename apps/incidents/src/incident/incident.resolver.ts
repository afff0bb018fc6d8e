import { Args, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { UserInputException } from '@underpin/platform';
import type { OpenIncidentInput } from './dto/open-incident.input';
import type { IncidentModel, IncidentPageModel } from './incident.model';
import { IncidentQueryService } from './incident-query.service';
import { OpenIncidentUseCase } from './use-cases/open-incident/open-incident.use-case';

@Resolver('Incident')
export class IncidentResolver {
  constructor(
    private readonly openIncidentUseCase: OpenIncidentUseCase,
    private readonly queries: IncidentQueryService,
  ) {}

  @Mutation('openIncident')
  openIncident(@Args('input') input: OpenIncidentInput): Promise<IncidentModel> {
    return this.openIncidentUseCase.execute(input);
  }

  @Query('incident')
  incident(@Args('id') id: string): Promise<IncidentModel | null> {
    return this.queries.byId(id);
  }

  @Query('incidents')
  incidents(@Args('first') first: number, @Args('after') after?: string | null): Promise<IncidentPageModel> {
    if (first < 1 || first > 500) throw new UserInputException([{ field: 'first', message: 'must be between 1 and 500' }]);
    return this.queries.page(first, after ?? null);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<IncidentModel | null> {
    return this.queries.byId(reference.id);
  }
}
