/** An event the backtest cannot use, named by its position in the stream (0-based). */
export interface BacktestProblem {
  index: number;
  /** The field at fault, as in `to` or `at`; '' for the event as a whole. */
  path: string;
  message: string;
}

/**
 * The events contradict themselves (a resume without a pause, probes going back in time):
 * raised once the whole stream has been read, with every problem found.
 */
export class BacktestInputException extends Error {
  constructor(readonly problems: BacktestProblem[]) {
    super(
      problems
        .slice(0, 3)
        .map((problem) => `event #${problem.index + 1}${problem.path ? ` ${problem.path}` : ''}: ${problem.message}`)
        .join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : ''),
    );
    this.name = 'BacktestInputException';
  }
}
