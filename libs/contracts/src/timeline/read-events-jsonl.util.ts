import type { TimelineEvent } from '@underpin/domain';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ProblemsError } from '../catalog/problems.exception';
import { parseEventLine } from './event-line.util';
import { ProblemCollector } from './parse-events-jsonl.util';

/**
 * Streams the events of a JSON Lines file of any size, one line in memory at a time.
 * Events are yielded while the file is sound; after the first bad line nothing more is
 * yielded, the rest is still read so that every problem is known, and a ProblemsError
 * listing them all (by file and line) is thrown at the end.
 */
export async function* readEventsJsonl(path: string): AsyncGenerator<TimelineEvent, void, undefined> {
  const handle = await openFile(path);
  const collector = new ProblemCollector(path);
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      const result = parseEventLine(text, lineNumber, path);
      if (!result.ok) collector.add(result.problems);
      else if (collector.problems.length === 0) yield result.event;
    }
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    throw new ProblemsError([{ file: path, line: lineNumber + 1, path: '', message: `cannot read: ${error.message}` }]);
  } finally {
    lines.close();
    await handle.close();
  }
  if (collector.problems.length > 0) throw new ProblemsError(collector.finish());
}

async function openFile(path: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return handle;
  } catch (error) {
    await handle?.close();
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read: ${(error as Error).message}`;
    throw new ProblemsError([{ file: path, path: '', message }]);
  }
}

function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
