import type { FeedChannel, IncidentUpdate } from './feed.type';

// Characters XML 1.0 forbids even when escaped; an incident title may carry them from a paste.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RSS 2.0 with each update as an item, newest first; guids are event ids, never reused. */
export function renderRss(channel: FeedChannel, updates: readonly IncidentUpdate[]): string {
  const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;
  const items = updates.map((update) =>
    [
      '    <item>',
      `      ${element('title', `${update.incident} ${update.kind}: ${update.summary}`)}`,
      `      ${element('description', update.summary)}`,
      `      ${element('category', update.status)}`,
      `      <guid isPermaLink="false">${escapeXml(`urn:underpin:incident-update:${update.eventId}`)}</guid>`,
      `      ${element('pubDate', new Date(update.at).toUTCString())}`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    ${element('title', channel.title)}`,
    `    ${element('link', channel.link)}`,
    `    ${element('description', `${channel.title}: incidents as they open and resolve`)}`,
    `    <atom:link href="${escapeXml(channel.selfLink)}" rel="self" type="application/rss+xml"/>`,
    `    ${element('lastBuildDate', new Date(channel.updatedAt).toUTCString())}`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
