import { formatProblems, sortProblems } from './format-problems.util';
import { ProblemsError } from './problems.exception';

describe(formatProblems.name, () => {
  it('writes file:line:col path: message, dropping what a problem does not know', () => {
    expect(
      formatProblems([
        { file: 'catalog.yaml', line: 42, column: 9, path: 'agreements[2].objectives[0].target', message: 'expected a duration like "15m"' },
        { file: 'events.jsonl', line: 7, column: 1, path: '', message: 'not valid JSON' },
        { file: 'catalog.yaml', line: 3, path: 'parties', message: 'expected a list' },
        { file: 'missing.yaml', path: '', message: 'no such file or folder' },
      ]),
    ).toBe(
      [
        'catalog.yaml:42:9 agreements[2].objectives[0].target: expected a duration like "15m"',
        'events.jsonl:7:1: not valid JSON',
        'catalog.yaml:3 parties: expected a list',
        'missing.yaml: no such file or folder',
      ].join('\n'),
    );
  });

  it('orders problems by file, line and column', () => {
    const sorted = sortProblems([
      { file: 'b.yaml', line: 1, column: 1, path: '', message: 'b1' },
      { file: 'a.yaml', line: 9, column: 3, path: '', message: 'a9c3' },
      { file: 'a.yaml', line: 9, column: 1, path: '', message: 'a9c1' },
      { file: 'a.yaml', path: '', message: 'a' },
    ]);
    expect(sorted.map((p) => p.message)).toEqual(['a', 'a9c1', 'a9c3', 'b1']);
    expect(sortProblems(sorted, ['b.yaml', 'a.yaml']).map((p) => p.message)).toEqual(['b1', 'a', 'a9c1', 'a9c3']);
  });
});

describe(ProblemsError.name, () => {
  it('carries the problems and reads as their list', () => {
    const problems = [{ file: 'f.jsonl', line: 2, column: 5, path: 'at', message: 'bad' }];
    const error = new ProblemsError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ProblemsError');
    expect(error.problems).toBe(problems);
    expect(error.message).toBe('f.jsonl:2:5 at: bad');
  });
});
