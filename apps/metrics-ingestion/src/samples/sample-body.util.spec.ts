import fc from 'fast-check';
import { countSamples, decodeSampleBody, parseSampleBody } from './sample-body.util';

describe(parseSampleBody.name, () => {
  it('reads a JSON array, each element with its index', () => {
    expect(parseSampleBody('[{"a":1}, 2, null]', 'json')).toEqual({
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
    expect(parseSampleBody('{"type":"probe"}', 'json')).toEqual({
      ok: false,
      error: { error: 'malformed-body', message: 'expected a JSON array of samples, got an object; wrap one sample in [ ], or send one sample a line as application/x-ndjson' },
    });
    expect(parseSampleBody('[\n{"a":1},\n{"a":2,}\n]', 'json')).toEqual({
      ok: false,
      error: { error: 'malformed-body', message: 'the body is not JSON: line 3, column 8 (in the sample at index 1): expected a field name in double quotes, got "}"', line: 3, column: 8, index: 1 },
    });
  });

  it('reads NDJSON a line at a time: blank lines skipped, a line that is not JSON rejected on its own', () => {
    expect(parseSampleBody('{"a":1}\r\n\n{"a":\n  \n[3]\n', 'ndjson')).toEqual({
      ok: true,
      items: [
        { index: 0, line: 1, value: { a: 1 } },
        { index: 2, line: 5, value: [3] },
      ],
      unreadable: [{ index: 1, line: 3, path: '', code: 'not-json', reason: 'not JSON at column 6: expected a value, got the end of the body' }],
    });
    expect(parseSampleBody('', 'ndjson')).toEqual({ ok: true, items: [], unreadable: [] });
  });
});

describe(decodeSampleBody.name, () => {
  it('refuses what is not UTF-8', () => {
    expect(decodeSampleBody(Buffer.from('[1]'))).toBe('[1]');
    expect(decodeSampleBody(Buffer.from([0x5b, 0xff, 0x5d]))).toBeUndefined();
  });
});

describe(countSamples.name, () => {
  it('counts the samples parsing will find, before parsing', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 20 }), fc.constantFrom('', ' ', '\n  '), (items, space) => {
        expect(countSamples(`${space}${JSON.stringify(items, null, space === '' ? undefined : 1)}`, 'json')).toBe(items.length);
        const lines = items.map((item) => JSON.stringify(item)).join('\n \n');
        expect(countSamples(lines, 'ndjson')).toBe(items.length);
      }),
    );
    expect(countSamples('{"type":"probe"}', 'json')).toBe(0);
    expect(countSamples('["a,]\\"", {"b": [1, 2]}, [3, 4]]', 'json')).toBe(3);
    expect(countSamples('["a\\\\", "b,\\\\\\"", 7]', 'json')).toBe(3);
    expect(countSamples('[{"type":"probe",', 'json')).toBe(1);
  });
});
