import { Module } from '@nestjs/common';
import { IncidentQueryService } from './incident-query.service';
import { IncidentResolver } from './incident.resolver';
import { TimelineWriterService } from './timeline-writer.service';
import { OpenIncidentUseCase } from './use-cases/open-incident/open-incident.use-case';
import { RecordIncidentEventUseCase } from './use-cases/record-incident-event/record-incident-event.use-case';

/** Incidents and their timelines: opened and changed by command, read back through the subgraph. */
@Module({
  providers: [IncidentResolver, IncidentQueryService, OpenIncidentUseCase, RecordIncidentEventUseCase, TimelineWriterService],
  exports: [OpenIncidentUseCase, RecordIncidentEventUseCase],
})
export class IncidentModule {}
