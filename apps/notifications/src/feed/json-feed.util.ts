import type { FeedChannel, FeedIncident } from './feed.type';

/**
 * JSON Feed 1.1 with one item per current incident (open, or resolved recently); the
 * incident's status and history ride in the `_underpin` extension.
 */
export function renderJsonFeed(channel: FeedChannel, incidents: readonly FeedIncident[]): Record<string, unknown> {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.link,
    feed_url: channel.selfLink,
    items: incidents.map((incident) => ({
      id: incident.id,
      title: `${incident.id}${incident.title ? ` ${incident.title}` : ''} (${incident.status})`,
      content_text: incident.updates
        .map((u) => `${new Date(u.at).toISOString()} ${u.kind}: ${u.summary}${u.withdrawn ? ` (withdrawn: ${u.withdrawn.reason})` : ''}`)
        .join('\n'),
      date_published: iso(incident.openedAt),
      date_modified: iso(incident.updatedAt),
      _underpin: {
        status: incident.status,
        priority: incident.priority,
        service: incident.service,
        region: incident.region ?? null,
        openedAt: iso(incident.openedAt),
        acknowledgedAt: iso(incident.acknowledgedAt),
        resolvedAt: iso(incident.resolvedAt),
        updates: incident.updates.map((u) => ({
          at: iso(u.at),
          kind: u.kind,
          status: u.status,
          summary: u.summary,
          ...(u.withdrawn ? { withdrawn: { at: iso(u.withdrawn.at), reason: u.withdrawn.reason } } : {}),
        })),
      },
    })),
  };
}
