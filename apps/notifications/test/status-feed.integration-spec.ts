import { describeOnEachBus, waitUntil } from '@underpin/testing';
import { NotificationsHarness, TestClock } from './notifications-harness.util';
import { child, childrenNamed, readXml } from './xml-reader.util';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
const TITLE = 'Calls drop <b>"badly"</b> & echo\u0007';

interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  items: Array<{ id: string; title: string; _underpin: { status: string; priority: string; resolvedAt: string | null; updates: Array<{ kind: string; status: string }> } }>;
}

describeOnEachBus('notifications: status feed', ({ name: bus }) => {
  const clock = new TestClock(Date.parse('2026-03-02T08:05:00Z'));
  let harness: NotificationsHarness;

  beforeAll(async () => {
    // No catalogue and no SMTP: the feed needs neither.
    harness = await NotificationsHarness.start('notifications_feed', clock, {}, bus);
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
  });

  async function get(path: string): Promise<{ type: string; body: string }> {
    const response = await fetch(`${harness.service!.url}${path}`);
    expect(response.status).toBe(200);
    return { type: response.headers.get('content-type') ?? '', body: await response.text() };
  }

  const jsonFeed = async () => JSON.parse((await get('/status/feed.json')).body) as JsonFeed;

  function rssItems(xml: string) {
    const rss = readXml(xml);
    expect(rss.name).toBe('rss');
    expect(rss.attributes['version']).toBe('2.0');
    const channel = child(rss, 'channel');
    expect(child(channel, 'title').text).toBe('ACME video status');
    expect(child(channel, 'link').text).toBe(`${harness.service!.url}/status/feed.rss`);
    expect(child(channel, 'description').text).not.toBe('');
    return childrenNamed(channel, 'item').map((item) => ({
      title: child(item, 'title').text,
      guid: child(item, 'guid'),
      pubDate: child(item, 'pubDate').text,
      category: child(item, 'category').text,
    }));
  }

  it('lists an opened incident, then its resolution, as JSON Feed and RSS 2.0', async () => {
    const openedAt = clock.now();
    await harness.publishIncident(
      harness.incidentEvent('incident.opened', { incident: 'INC-20', service: 'video-meetings', customer: 'acme', region: 'eu-north', impact: 'high', urgency: 'high', title: TITLE, at: new Date(openedAt).toISOString() }),
    );
    await waitUntil('the incident on the feed', async () => (await jsonFeed()).items.length === 1);

    const opened = await get('/status/feed.json');
    expect(opened.type).toContain('application/feed+json');
    const feed = JSON.parse(opened.body) as JsonFeed;
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'ACME video status', feed_url: `${harness.service!.url}/status/feed.json` });
    expect(feed.items).toMatchObject([{ id: 'INC-20', title: `INC-20 ${TITLE} (open)`, _underpin: { status: 'open', priority: 'P1', resolvedAt: null, updates: [{ kind: 'opened' }] } }]);
    expect(JSON.stringify(feed)).not.toContain('acme');

    const rss = await get('/status/feed.rss');
    expect(rss.type).toContain('application/rss+xml');
    expect(rss.body).toContain('&lt;b&gt;&quot;badly&quot;&lt;/b&gt; &amp; echo');
    expect(rss.body).not.toContain('\u0007');
    const [item] = rssItems(rss.body);
    expect(item).toMatchObject({ title: 'INC-20 opened: P1 incident on video-meetings in eu-north: Calls drop <b>"badly"</b> & echo', category: 'open' });
    expect(item!.pubDate).toBe(new Date(openedAt).toUTCString());
    expect(item!.guid.attributes['isPermaLink']).toBe('false');

    clock.advance(HOUR);
    const resolvedAt = clock.now();
    await harness.publishIncident(harness.incidentEvent('incident.resolved', { incident: 'INC-20', at: new Date(resolvedAt).toISOString() }));
    await waitUntil('the resolution on the feed', async () => (await jsonFeed()).items[0]?._underpin.status === 'resolved');

    expect((await jsonFeed()).items).toMatchObject([
      { id: 'INC-20', _underpin: { status: 'resolved', resolvedAt: new Date(resolvedAt).toISOString(), updates: [{ kind: 'opened', status: 'open' }, { kind: 'resolved', status: 'resolved' }] } },
    ]);
    const items = rssItems((await get('/status/feed.rss')).body);
    expect(items.map((i) => [i.title, i.category, i.pubDate])).toEqual([
      ['INC-20 resolved: service restored', 'resolved', new Date(resolvedAt).toUTCString()],
      ['INC-20 opened: P1 incident on video-meetings in eu-north: Calls drop <b>"badly"</b> & echo', 'open', new Date(openedAt).toUTCString()],
    ]);
    expect(new Set(items.map((i) => i.guid.text)).size).toBe(2);
  });

  it('drops a long-resolved incident from the current list while RSS keeps its history', async () => {
    clock.advance(73 * HOUR);
    expect((await jsonFeed()).items).toEqual([]);
    expect(rssItems((await get('/status/feed.rss')).body).map((i) => i.title.split(':')[0])).toEqual(['INC-20 resolved', 'INC-20 opened']);
  });
});
