import { child, childrenNamed, readXml } from '../../test/xml-reader.util';
import type { IncidentUpdate } from './feed.type';
import { escapeXml, renderRss } from './rss.util';

const CHANNEL = { title: 'Status & "news"', link: 'https://status.example.com/', selfLink: 'https://status.example.com/feed.rss?a=1&b=2', updatedAt: Date.parse('2026-03-02T10:00:00Z') };

function update(eventId: string, kind: string, summary: string, at: string): IncidentUpdate {
  return { eventId, incident: 'INC-1', kind, status: kind === 'resolved' ? 'resolved' : 'open', at: Date.parse(at), summary };
}

describe(escapeXml.name, () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(escapeXml('bell\u0007 form\u000c feed \ud800 ok \u00e5\ud83d\ude00')).toBe('bell form feed  ok \u00e5\ud83d\ude00');
  });
});

describe(renderRss.name, () => {
  it('writes a well-formed RSS 2.0 channel with one item per update', () => {
    const xml = renderRss(CHANNEL, [
      update('6f1e1c1a-0000-4000-8000-000000000002', 'resolved', 'service restored', '2026-03-02T10:00:00Z'),
      update('6f1e1c1a-0000-4000-8000-000000000001', 'opened', 'P1 on <video> & "audio"', '2026-03-02T08:05:00Z'),
    ]);
    const rss = readXml(xml);
    expect(rss.attributes).toEqual({ version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' });
    const channel = child(rss, 'channel');
    expect(child(channel, 'title').text).toBe('Status & "news"');
    expect(child(channel, 'atom:link').attributes['href']).toBe('https://status.example.com/feed.rss?a=1&b=2');
    expect(child(channel, 'lastBuildDate').text).toBe('Mon, 02 Mar 2026 10:00:00 GMT');
    const items = childrenNamed(channel, 'item');
    expect(items.map((item) => child(item, 'title').text)).toEqual(['INC-1 resolved: service restored', 'INC-1 opened: P1 on <video> & "audio"']);
    expect(items.map((item) => child(item, 'guid').text)).toEqual([
      'urn:underpin:incident-update:6f1e1c1a-0000-4000-8000-000000000002',
      'urn:underpin:incident-update:6f1e1c1a-0000-4000-8000-000000000001',
    ]);
    expect(child(items[1]!, 'pubDate').text).toBe('Mon, 02 Mar 2026 08:05:00 GMT');
  });

  it('is read by a reader strict enough to refuse unescaped text', () => {
    expect(() => readXml('<rss><title>Tom & Jerry</title></rss>')).toThrow(/entity/);
    expect(() => readXml('<rss><title>a < b</title></rss>')).toThrow(/malformed/);
    expect(() => readXml('<rss><title>x</rss>')).toThrow(/malformed/);
  });
});
