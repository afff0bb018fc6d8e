import { Module } from '@nestjs/common';
import { StatusFeedController } from './status-feed.controller';
import { StatusFeedService } from './status-feed.service';

/** The public status feed (JSON Feed and RSS). */
@Module({
  controllers: [StatusFeedController],
  providers: [StatusFeedService],
})
export class FeedModule {}
