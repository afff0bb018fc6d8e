import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { InvalidValueException } from './user-input.exception';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EXPECTATION = 'expected an ISO-8601 instant with an offset, like "2026-03-03T09:12:00+01:00"';

function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)).slice(0, 60);
}

function parse(value: unknown, node?: ValueNode): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidValueException(`${EXPECTATION}, got ${node && node.kind !== Kind.STRING ? print(node) : shown(value)}`, node);
  }
  return new Date(value);
}

/** `DateTime`: ISO-8601 instants with an offset in, UTC ISO strings out. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(value as string | number);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
