import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { TimersModule } from '../timers/timers.module';
import { IncidentEventsConsumer } from './events/incident-events.consumer';
import { TrackingResolver } from './tracking.resolver';
import { TrackingService } from './tracking.service';

/** The incident timelines the service tracks, from incidents.events.v1, and what it says of them. */
@Module({
  imports: [ClocksModule, TimersModule],
  providers: [TrackingService, IncidentEventsConsumer, TrackingResolver],
})
export class TrackingModule {}
