import { parseSampleBody } from './sample-body.util';

const body = (text: string) => Buffer.from(text, 'utf8');

describe(parseSampleBody.name, () => {
  it('reads a JSON array, each element with its index', () => {
    expect(parseSampleBody(body('[{"a":1}, 2, null]'), 'json')).toEqual({
      ok: true,
      items: [
        { index: 0, value: { a: 1 } },
        { index: 1, value: 2 },
        { index: 2, value: null },
      ],
      unreadable: [],
    });
  });

  it('refuses a JSON body that is not an array, or not JSON, saying where', () => {
    expect(parseSampleBody(body('{"type":"probe"}'), 'json')).toEqual({
      ok: false,
      error: { error: 'malformed-body', message: 'expected a JSON array of samples, got an object; wrap one sample in [ ], or send one sample a line as application/x-ndjson' },
    });
    expect(parseSampleBody(body('[\n{"a":1},\n{"a":2,}\n]'), 'json')).toEqual({
      ok: false,
      error: { error: 'malformed-body', message: 'the body is not JSON: line 3, column 8 (in the sample at index 1): expected a field name in double quotes, got "}"', line: 3, column: 8, index: 1 },
    });
    expect(parseSampleBody(Buffer.from([0x5b, 0xff, 0x5d]), 'json')).toEqual({ ok: false, error: { error: 'malformed-body', message: 'the body is not UTF-8 text' } });
  });

  it('reads NDJSON a line at a time: blank lines skipped, a line that is not JSON rejected on its own', () => {
    expect(parseSampleBody(body('{"a":1}\r\n\n{"a":\n  \n[3]\n'), 'ndjson')).toEqual({
      ok: true,
      items: [
        { index: 0, line: 1, value: { a: 1 } },
        { index: 2, line: 5, value: [3] },
      ],
      unreadable: [{ index: 1, line: 3, path: '', code: 'not-json', reason: 'not JSON at column 6: expected a value, got the end of the body' }],
    });
    expect(parseSampleBody(body(''), 'ndjson')).toEqual({ ok: true, items: [], unreadable: [] });
  });
});
