import type { IncomingMessage } from 'node:http';
import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG } from '../config/notifications-config.constant';
import type { NotificationsConfig } from '../config/notifications.config';
import type { FeedChannel } from './feed.type';
import { renderJsonFeed } from './json-feed.util';
import { renderRss } from './rss.util';
import { StatusFeedService } from './status-feed.service';

/** The public status feed: current incidents as JSON Feed, and their updates as RSS 2.0. */
@Controller('status')
export class StatusFeedController {
  constructor(
    private readonly feed: StatusFeedService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Get('feed.json')
  @Header('Content-Type', 'application/feed+json; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async json(@Req() request: IncomingMessage): Promise<Record<string, unknown>> {
    const incidents = await this.feed.currentIncidents();
    const newest = Math.max(0, ...incidents.map((incident) => incident.updatedAt));
    return renderJsonFeed(this.channel(request, newest), incidents);
  }

  @Get('feed.rss')
  @Header('Content-Type', 'application/rss+xml; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async rss(@Req() request: IncomingMessage): Promise<string> {
    const updates = await this.feed.latestUpdates();
    return renderRss(this.channel(request, updates[0]?.at ?? 0), updates);
  }

  private channel(request: IncomingMessage, newest: number): FeedChannel {
    // Behind the gateway or a proxy, the feed is read at the address the reader used.
    const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
    const protocol = first(request.headers['x-forwarded-proto']) ?? 'http';
    const host = first(request.headers['x-forwarded-host']) ?? request.headers.host ?? 'localhost';
    const selfLink = `${protocol}://${host}${request.url ?? ''}`;
    return {
      title: this.config.feedTitle,
      link: this.config.feedLink ?? selfLink,
      selfLink,
      updatedAt: newest > 0 ? newest : this.feed.now(),
    };
  }
}
