import { locateJsonError } from './json-error-position.util';

describe(locateJsonError.name, () => {
  it.each([
    ['[1,}', { line: 1, column: 4, index: 1, message: 'expected a value, got "}"' }],
    ['[{"a":1},\n {"b": }]', { line: 2, column: 8, index: 1, message: 'expected a value, got "}"' }],
    ['[1 2]', { line: 1, column: 4, index: 0, message: `expected ',' or ']' after an array element, got "2"` }],
    ['[{"a" 1}]', { line: 1, column: 7, index: 0, message: `expected ':' after a field name, got "1"` }],
    ['[{a: 1}]', { line: 1, column: 3, index: 0, message: 'expected a field name in double quotes, got "a"' }],
    ['["tab\there"]', { line: 1, column: 6, index: 0, message: 'a string holds a control character (a raw line break?); escape it' }],
    ['["\\x"]', { line: 1, column: 3, index: 0, message: 'unknown escape \\x' }],
    ['[01]', { line: 1, column: 3, index: 0, message: 'a number cannot go on with "1"' }],
    ['[tru]', { line: 1, column: 2, index: 0, message: 'expected a value, got "t"' }],
    ['[1,2', { line: 1, column: 5, index: 1, message: `expected ',' or ']' after an array element, got the end of the body` }],
    ['["open', { line: 1, column: 7, index: 0, message: 'a string is not closed' }],
    ['[1] x', { line: 1, column: 5, message: 'unexpected "x" after the end of the JSON value' }],
    ['', { line: 1, column: 1, message: 'the body is empty' }],
    ['{"a":}', { line: 1, column: 6, message: 'expected a value, got "}"' }],
  ])('places the error of %j', (text, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual(expected);
  });

  it('stops at a nesting no sample has, instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000);
    expect(locateJsonError(deep)).toMatchObject({ line: 1, message: 'nested deeper than 256 levels', index: 0 });
  });
});
