import { parseEventLine, ProblemsError, type Problem } from '@underpin/contracts';
import type { TimelineEvent } from '@underpin/domain';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Past this many, a wholly wrong file would only bury the first problems in noise. */
const MAX_LISTED = 1000;

/**
 * A JSON Lines events file streamed once, one line in memory at a time, that can say how
 * far it has read (for a progress bar) and on which line the n-th event was (so problems
 * found later, by the backtest, still point at a line). Events are yielded while the file
 * is sound; after the first bad line the rest is still read so every problem is listed.
 */
export class EventsFile {
  bytesRead = 0;
  /** Blank lines skipped before the event of each index where one was skipped, cumulatively. */
  private readonly skips: Array<{ index: number; skipped: number }> = [];

  private constructor(
    readonly path: string,
    readonly totalBytes: number,
  ) {}

  static async open(path: string): Promise<EventsFile> {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('is a folder, not a file'), { code: 'EISDIR' });
      return new EventsFile(path, info.size);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read: ${(error as Error).message}`;
      throw new ProblemsError([{ file: path, path: '', message }]);
    }
  }

  /** The 1-based line of the event with this 0-based index. */
  lineOf(index: number): number {
    let low = 0;
    let high = this.skips.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.skips[middle].index <= index) low = middle + 1;
      else high = middle;
    }
    return index + 1 + (low > 0 ? this.skips[low - 1].skipped : 0);
  }

  async *events(): AsyncGenerator<TimelineEvent, void, undefined> {
    const stream = createReadStream(this.path);
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    const problems: Problem[] = [];
    let unlisted = 0;
    let lineNumber = 0;
    let index = 0;
    let skipped = 0;
    try {
      for await (const raw of lines) {
        lineNumber++;
        this.bytesRead = stream.bytesRead;
        const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (text.trim() === '') {
          skipped++;
          continue;
        }
        const result = parseEventLine(text, lineNumber, this.path);
        if (!result.ok) {
          for (const problem of result.problems) {
            if (problems.length < MAX_LISTED) problems.push(problem);
            else unlisted++;
          }
          continue;
        }
        if (problems.length > 0) continue;
        const last = this.skips[this.skips.length - 1];
        if (skipped > 0 && (!last || last.skipped !== skipped)) this.skips.push({ index, skipped });
        index++;
        yield result.event;
      }
    } finally {
      lines.close();
      stream.destroy();
    }
    this.bytesRead = this.totalBytes;
    if (unlisted > 0) problems.push({ file: this.path, path: '', message: `${unlisted} more problems not listed` });
    if (problems.length > 0) throw new ProblemsError(problems);
  }
}
