import { Module } from '@nestjs/common';
import { IncidentStateService } from './incident-state.service';

/** The service's copy of each incident: what policies match on and the status feed shows. */
@Module({
  providers: [IncidentStateService],
  exports: [IncidentStateService],
})
export class KnownIncidentsModule {}
