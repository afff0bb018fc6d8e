import { Args, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Level } from '@underpin/domain';
import type { OpenIncidentInput } from './dto/open-incident.input';
import type { IncidentConnectionModel, IncidentModel, TimelineEventConnectionModel } from './incident.model';
import { IncidentQueryService } from './incident-query.service';
import { OpenIncidentUseCase } from './use-cases/open-incident/open-incident.use-case';
import { RecordIncidentEventUseCase, type IncidentChange } from './use-cases/record-incident-event/record-incident-event.use-case';

@Resolver('Incident')
export class IncidentResolver {
  constructor(
    private readonly openIncidentUseCase: OpenIncidentUseCase,
    private readonly recordEvent: RecordIncidentEventUseCase,
    private readonly queries: IncidentQueryService,
  ) {}

  @Mutation('openIncident')
  async openIncident(@Args('input') input: OpenIncidentInput): Promise<IncidentModel> {
    return (await this.openIncidentUseCase.execute(input)).incident;
  }

  @Mutation('acknowledge')
  acknowledge(@Args('id') id: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.acknowledged' }, at);
  }

  @Mutation('handover')
  handover(@Args('id') id: string, @Args('to') to: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.handover', to }, at);
  }

  @Mutation('pause')
  pause(@Args('id') id: string, @Args('reason') reason: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.paused', reason }, at);
  }

  @Mutation('resume')
  resume(@Args('id') id: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.resumed' }, at);
  }

  @Mutation('resolve')
  resolve(@Args('id') id: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.resolved' }, at);
  }

  @Mutation('reopen')
  reopen(@Args('id') id: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.reopened' }, at);
  }

  @Mutation('close')
  close(@Args('id') id: string, @Args('at') at?: Date | null): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.closed' }, at);
  }

  @Mutation('changePriority')
  changePriority(
    @Args('id') id: string,
    @Args('impact') impact: Level,
    @Args('urgency') urgency: Level,
    @Args('at') at?: Date | null,
  ): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.reprioritized', impact, urgency }, at);
  }

  @Query('incident')
  incident(@Args('id') id: string): Promise<IncidentModel | null> {
    return this.queries.byId(id);
  }

  @Query('incidents')
  incidents(@Args('first') first: number, @Args('after') after?: string | null): Promise<IncidentConnectionModel> {
    return this.queries.page({ first, after });
  }

  @ResolveField('timeline')
  timeline(@Parent() incident: IncidentModel, @Args('first') first: number, @Args('after') after?: string | null): Promise<TimelineEventConnectionModel> {
    return this.queries.timeline(incident.id, { first, after });
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<IncidentModel | null> {
    return this.queries.byId(reference.id);
  }

  private async record(id: string, change: IncidentChange, at?: Date | null): Promise<IncidentModel> {
    return (await this.recordEvent.execute(id, change, { at })).incident;
  }
}
