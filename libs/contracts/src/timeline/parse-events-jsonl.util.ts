import type { TimelineEvent } from '@underpin/domain';
import type { Problem } from '../catalog/problem.type';
import { parseEventLine } from './event-line.util';

export type EventsResult = { ok: true; events: TimelineEvent[] } | { ok: false; problems: Problem[] };

/** Past this many, a wholly wrong file would only bury the first problems in noise. */
export const MAX_LISTED_PROBLEMS = 1000;

/**
 * Parses a whole JSON Lines text (blank lines skipped). Either every line is a valid event,
 * or nothing is returned but the problems of every bad line.
 */
export function parseEventsJsonl(text: string, file: string): EventsResult {
  const collector = new ProblemCollector(file);
  const events: TimelineEvent[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const result = parseEventLine(raw, index + 1, file);
    if (result.ok) events.push(result.event);
    else collector.add(result.problems);
  });
  return collector.problems.length > 0 ? { ok: false, problems: collector.finish() } : { ok: true, events };
}

/** Gathers line problems up to {@link MAX_LISTED_PROBLEMS}, then says how many more there were. */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(problems: readonly Problem[]): void {
    for (const problem of problems) {
      if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(problem);
      else this.dropped++;
    }
  }

  /** The problems, with a closing note when some were not listed. */
  finish(): Problem[] {
    if (this.dropped === 0) return this.problems;
    return [...this.problems, { file: this.file, path: '', message: `${this.dropped} more problems not listed` }];
  }
}
