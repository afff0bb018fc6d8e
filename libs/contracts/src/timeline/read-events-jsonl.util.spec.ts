import type { TimelineEvent } from '@underpin/domain';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { ProblemsError } from '../catalog/problems.exception';
import { readEventsJsonl } from './read-events-jsonl.util';

async function collect(path: string): Promise<{ events: TimelineEvent[]; error?: unknown }> {
  const events: TimelineEvent[] = [];
  try {
    for await (const event of readEventsJsonl(path)) events.push(event);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

function probeLine(index: number): string {
  const at = new Date(Date.UTC(2026, 0, 1) + index * 10_000).toISOString();
  return JSON.stringify({ type: 'probe', at, service: 'video-meetings', region: index % 2 ? 'eu-north' : 'eu-west', ok: index % 97 !== 0 });
}

describe(readEventsJsonl.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'underpin-events-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a file of many chunks event by event', async () => {
    const path = join(dir, 'probes.jsonl');
    // About 5 MB: dozens of read chunks, so lines split across chunk borders are exercised.
    const count = 50_000;
    const out = createWriteStream(path);
    for (let i = 0; i < count; i++) {
      if (!out.write(`${probeLine(i)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    let seen = 0;
    let down = 0;
    let last = 0;
    for await (const event of readEventsJsonl(path)) {
      seen++;
      if (event.type === 'probe' && !event.ok) down++;
      last = event.at;
    }
    expect(seen).toBe(count);
    expect(down).toBe(Math.ceil(count / 97));
    expect(last).toBe(Date.UTC(2026, 0, 1) + (count - 1) * 10_000);
  }, 30_000);

  it('yields events up to the first bad line, then throws every problem of the file', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(
      path,
      [
        '\uFEFF' + probeLine(1),
        probeLine(2),
        '{"type":"probe","at":"yesterday","service":"v","region":"eu","ok":true}',
        probeLine(4),
        '{"type":"incident.resolved","at":"2026-03-02T09:00:00Z"}',
      ].join('\r\n'),
    );
    const { events, error } = await collect(path);
    expect(events.map((e) => e.at)).toEqual([Date.UTC(2026, 0, 1, 0, 0, 10), Date.UTC(2026, 0, 1, 0, 0, 20)]);
    expect(error).toBeInstanceOf(ProblemsError);
    expect((error as ProblemsError).problems).toEqual([
      { file: path, line: 3, column: 17, path: 'at', message: expect.stringContaining('ISO-8601') },
      { file: path, line: 5, column: 1, path: 'incident', message: 'is required; expected a non-empty string' },
    ]);
    expect((error as ProblemsError).message).toBe(
      `${path}:3:17 at: expected an ISO-8601 instant with its offset, like "2026-03-02T08:05:00+01:00"\n` +
        `${path}:5:1 incident: is required; expected a non-empty string`,
    );
  });

  it('throws a problem naming a missing file or a folder', async () => {
    const { error } = await collect(join(dir, 'missing.jsonl'));
    expect(error).toBeInstanceOf(ProblemsError);
    expect((error as ProblemsError).problems).toEqual([{ file: join(dir, 'missing.jsonl'), path: '', message: 'no such file' }]);
    const folder = await collect(dir);
    expect((folder.error as ProblemsError).problems).toEqual([{ file: dir, path: '', message: 'is a folder, not a file' }]);
  });

  it('lets a reader stop early', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, [probeLine(1), probeLine(2), 'not json'].join('\n'));
    const first: TimelineEvent[] = [];
    for await (const event of readEventsJsonl(path)) {
      first.push(event);
      break;
    }
    expect(first).toHaveLength(1);
  });
});
