import { Args, Parent } from '@nestjs/graphql';
import { Mutation, Query, typeResolver } from '../graphql/schema-resolvers.util';
import type {
  IncidentConnectionModel,
  IncidentModel,
  IncidentTimelineArgs,
  MutationAcknowledgeArgs,
  MutationChangePriorityArgs,
  MutationCloseArgs,
  MutationHandoverArgs,
  MutationOpenIncidentArgs,
  MutationPauseArgs,
  MutationReopenArgs,
  MutationResolveArgs,
  MutationResumeArgs,
  QueryIncidentArgs,
  QueryIncidentsArgs,
  TimelineEventConnectionModel,
} from '../graphql/schema.type';
import { IncidentQueryService } from './incident-query.service';
import { OpenIncidentUseCase } from './use-cases/open-incident/open-incident.use-case';
import { RecordIncidentEventUseCase, type IncidentChange } from './use-cases/record-incident-event/record-incident-event.use-case';

const Incident = typeResolver('Incident');

@Incident.Resolver()
export class IncidentResolver {
  constructor(
    private readonly openIncidentUseCase: OpenIncidentUseCase,
    private readonly recordEvent: RecordIncidentEventUseCase,
    private readonly queries: IncidentQueryService,
  ) {}

  @Mutation('openIncident')
  async openIncident(@Args() { input }: MutationOpenIncidentArgs): Promise<IncidentModel> {
    return (await this.openIncidentUseCase.execute(input)).incident;
  }

  @Mutation('acknowledge')
  acknowledge(@Args() { id, at }: MutationAcknowledgeArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.acknowledged' }, at);
  }

  @Mutation('handover')
  handover(@Args() { id, to, at }: MutationHandoverArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.handover', to }, at);
  }

  @Mutation('pause')
  pause(@Args() { id, reason, at }: MutationPauseArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.paused', reason }, at);
  }

  @Mutation('resume')
  resume(@Args() { id, at }: MutationResumeArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.resumed' }, at);
  }

  @Mutation('resolve')
  resolve(@Args() { id, at }: MutationResolveArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.resolved' }, at);
  }

  @Mutation('reopen')
  reopen(@Args() { id, at }: MutationReopenArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.reopened' }, at);
  }

  @Mutation('close')
  close(@Args() { id, at }: MutationCloseArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.closed' }, at);
  }

  @Mutation('changePriority')
  changePriority(@Args() { id, impact, urgency, at }: MutationChangePriorityArgs): Promise<IncidentModel> {
    return this.record(id, { type: 'incident.reprioritized', impact, urgency }, at);
  }

  @Query('incident')
  incident(@Args() { id }: QueryIncidentArgs): Promise<IncidentModel | null> {
    return this.queries.byId(id);
  }

  @Query('incidents')
  incidents(@Args() { first, after }: QueryIncidentsArgs): Promise<IncidentConnectionModel> {
    return this.queries.page({ first, after });
  }

  @Incident.ResolveField('timeline')
  timeline(@Parent() incident: IncidentModel, @Args() { first, after }: IncidentTimelineArgs): Promise<TimelineEventConnectionModel> {
    return this.queries.timeline(incident.id, { first, after });
  }

  @Incident.ResolveReference()
  resolveReference(reference: Pick<IncidentModel, 'id'>): Promise<IncidentModel | null> {
    return this.queries.byId(reference.id);
  }

  private async record(id: string, change: IncidentChange, at?: Date | null): Promise<IncidentModel> {
    return (await this.recordEvent.execute(id, change, { at })).incident;
  }
}
