import { ApolloServer } from '@apollo/server';
import { DateTimeScalar } from './date-time-scalar.constant';
import { formatGraphqlError } from './subgraph.util';

const typeDefs = `
  scalar DateTime
  input Window { from: DateTime!, marks: [DateTime!] }
  type Query { echo(at: DateTime, window: Window): String }
`;

describe(DateTimeScalar.name, () => {
  const server = new ApolloServer({
    typeDefs,
    resolvers: { DateTime: DateTimeScalar, Query: { echo: (_: unknown, args: { at?: Date }) => args.at?.toISOString() ?? 'window' } },
    formatError: formatGraphqlError,
    includeStacktraceInErrorResponses: false,
  });

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function errors(query: string, variables?: Record<string, unknown>) {
    const { body } = await server.executeOperation({ query, variables });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return body.singleResult.errors?.map(({ message, extensions }) => ({ message, extensions }));
  }

  const got = (text: string) => `expected an ISO-8601 instant with an offset, like "2026-03-03T09:12:00+01:00", got ${text}`;

  it('reads an instant with an offset', async () => {
    const { body } = await server.executeOperation({ query: '{ echo(at: "2026-03-03T09:12:00+01:00") }' });
    expect(body.kind === 'single' && body.singleResult).toMatchObject({ data: { echo: '2026-03-03T08:12:00.000Z' } });
  });

  it.each([
    ['a string literal', '{ echo(at: "yesterday") }', undefined, 'at', got('"yesterday"')],
    ['a number literal', '{ echo(at: 42) }', undefined, 'at', got('42')],
    ['an input field literal', '{ echo(window: { from: "soon" }) }', undefined, 'window.from', got('"soon"')],
    ['a list item literal', '{ echo(window: { from: "2026-03-03T09:12:00Z", marks: ["2026-03-03T09:12:00Z", "later"] }) }', undefined, 'window.marks[1]', got('"later"')],
  ])('answers %s as BAD_USER_INPUT naming the argument', async (_name, query, variables, field, problem) => {
    expect(await errors(query, variables)).toEqual([{ message: `${field}: ${problem}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message: problem }] } }]);
  });

  it.each([
    ['a variable', 'query Q($when: DateTime) { echo(at: $when) }', { when: 'yesterday' }, 'at', 'when', got('"yesterday"')],
    ['a field of a variable', 'query Q($w: Window) { echo(window: $w) }', { w: { from: 'soon' } }, 'window.from', 'w', got('"soon"')],
    ['a list item of a variable', 'query Q($w: Window) { echo(window: $w) }', { w: { from: '2026-03-03T09:12:00Z', marks: [1] } }, 'window.marks[0]', 'w', got('1')],
    ['a variable used inside an input literal', 'query Q($t: DateTime!) { echo(window: { from: $t }) }', { t: 'x'.repeat(900) }, 'window.from', 't', got('a string of 900 characters')],
  ])('answers %s as BAD_USER_INPUT naming the argument and the variable', async (_name, query, variables, field, variable, problem) => {
    expect(await errors(query, variables)).toEqual([
      { message: `${field} (variable $${variable}): ${problem}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message: problem }] } },
    ]);
  });
});
