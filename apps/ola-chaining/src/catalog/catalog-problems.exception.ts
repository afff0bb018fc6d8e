import { formatProblem, type Problem } from '@underpin/contracts';
import { GraphQLError } from 'graphql';

/** How many problems the message spells out; `extensions.problems` always has all of them. */
const IN_MESSAGE = 10;

/**
 * A catalogue that does not load: BAD_USER_INPUT with every problem by file, line, column and
 * path, so an editor or a CI job can point at each one.
 */
export class CatalogProblemsException extends GraphQLError {
  constructor(readonly problems: Problem[]) {
    const shown = problems.slice(0, IN_MESSAGE).map(formatProblem);
    const more = problems.length > IN_MESSAGE ? [`… and ${problems.length - IN_MESSAGE} more`] : [];
    super(`the catalogue has ${problems.length} problem${problems.length === 1 ? '' : 's'} and was not published:\n${[...shown, ...more].join('\n')}`, {
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: problems.map((problem) => ({
          file: problem.file,
          line: problem.line ?? null,
          column: problem.column ?? null,
          path: problem.path,
          message: problem.message,
        })),
      },
    });
    this.name = 'CatalogProblemsException';
  }
}
