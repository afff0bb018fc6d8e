import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { TeamQueueResolver } from './team-queue.resolver';

/** A party's queue: its running clocks, the most urgent first. */
@Module({
  imports: [ClocksModule],
  providers: [TeamQueueResolver],
})
export class QueueModule {}
