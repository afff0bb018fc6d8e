import { isTransientError } from './transient-error.util';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe(isTransientError.name, () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['a serialization failure', withCode('40001')],
    ['a deadlock', withCode('40P01')],
    ['a statement timeout', withCode('57014')],
    ['pg losing its connection', new Error('Connection terminated unexpectedly')],
    ['pg finding no connection in time', new Error('timeout exceeded when trying to connect')],
    ['a retriable kafkajs error', Object.assign(new Error('The coordinator is loading'), { retriable: true })],
  ])('waits out %s', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation (23505)', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a check violation (23514)', withCode('23514')],
    ['an undefined column (42703)', withCode('42703')],
    ['a non-retriable kafkajs error', Object.assign(new Error('Message too large'), { retriable: false })],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('gives up on %s', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('looks through causes, driver errors and aggregates', () => {
    expect(isTransientError(new Error('query failed', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('QueryFailedError'), { driverError: withCode('57P01') }))).toBe(true);
    expect(isTransientError(new AggregateError([new Error('first'), withCode('ETIMEDOUT')], 'all attempts failed'))).toBe(true);
    expect(isTransientError(new Error('outer', { cause: new Error('inner', { cause: withCode('23505') }) }))).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isTransientError(a)).toBe(false);
  });
});
