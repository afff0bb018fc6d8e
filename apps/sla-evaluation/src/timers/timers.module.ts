import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { ClockTimerLoopService } from './clock-timer-loop.service';
import { IncidentStreamWatchService } from './incident-stream-watch.service';
import { TimerFiringService } from './timer-firing.service';

/** Durable timers that fire the clocks' warnings and breaches, once the incident stream is caught up. */
@Module({
  imports: [ClocksModule],
  providers: [IncidentStreamWatchService, TimerFiringService, ClockTimerLoopService],
  exports: [IncidentStreamWatchService, ClockTimerLoopService],
})
export class TimersModule {}
