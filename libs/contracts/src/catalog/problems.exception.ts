import { formatProblems } from './format-problems.util';
import type { Problem } from './problem.type';

/**
 * Thrown where a result cannot be returned (streaming readers). Carries the problems so a
 * caller can print them as a list instead of a stack trace.
 */
export class ProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = 'ProblemsError';
  }
}
