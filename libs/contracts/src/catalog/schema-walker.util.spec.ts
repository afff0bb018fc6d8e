import { LineCounter, parseDocument } from 'yaml';
import type { JsonSchema } from './json-schema.type';
import { SchemaWalker, type FormatCheck } from './schema-walker.util';
import { YamlFile } from './yaml-cursor.util';

function problems(schema: JsonSchema, text: string, formats: Record<string, FormatCheck> = {}): string[] {
  const lines = new LineCounter();
  const file = new YamlFile('f.yaml', parseDocument(text, { lineCounter: lines }), lines);
  new SchemaWalker(schema, formats).walk(file.root());
  return file.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

const SHAPE: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'size'],
  properties: {
    id: { $ref: '#/definitions/id' },
    kind: { enum: ['small', 'large'] },
    size: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
    version: { const: 'v1' },
  },
  definitions: { id: { type: 'string', pattern: '^[a-z]+$', errorMessage: 'expected an id' } },
};

describe(SchemaWalker.name, () => {
  it('says what was expected at the value, in the schema words or generic ones', () => {
    expect(problems(SHAPE, 'id: A1\nkind: smal\nsize: 0.5\nname: [x]\nversion: v2\n')).toEqual([
      '1:5 id: expected an id',
      '2:7 kind: expected one of small, large; got "smal" (did you mean "small"?)',
      '3:7 size: expected a whole number at least 1',
      '4:7 name: expected text',
      '5:10 version: expected v1; got "v2"',
    ]);
  });

  it('names an unknown key with the nearest known one, and a missing key with what it should hold', () => {
    expect(problems({ ...SHAPE, errorMessage: 'expected a thing' }, 'idd: a\nkind: small\n')).toEqual([
      '1:1 idd: unknown key "idd" (did you mean "id"?)',
      '1:1 id: is required; expected an id',
      '1:1 size: is required; expected a whole number at least 1',
    ]);
    expect(problems({ ...SHAPE, errorMessage: 'expected a thing' }, '[a]')).toEqual(['1:1 : expected a thing']);
  });

  it('reports a rule where it points: a missing key, a forbidden key, a forbidden item', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { mode: { enum: ['a', 'b'] }, after: { type: 'string' }, extra: {}, tags: { type: 'array' } },
      if: { properties: { mode: { const: 'a' } } },
      then: {
        required: ['after'],
        errorMessage: 'is required for a',
        properties: {
          extra: { not: {}, errorMessage: 'extra is not for a' },
          tags: { not: { contains: { const: 'x' } }, errorMessage: 'x is not for a' },
        },
      },
    };
    expect(problems(schema, '{ mode: a, extra: 1, tags: [y, x] }')).toEqual([
      '1:19 extra: extra is not for a',
      '1:32 tags[1]: x is not for a',
      '1:1 after: is required for a',
    ]);
    expect(problems(schema, '{ mode: b, extra: 1, tags: [x] }')).toEqual([]);
  });

  it('asks a missing key for what the most specific schema wants of it', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['target'],
      properties: { metric: { type: 'string' }, target: { errorMessage: 'expected a target' } },
      allOf: [{ if: { properties: { metric: { const: 'time' } } }, then: { properties: { target: { type: 'string', errorMessage: 'expected a duration' } } } }],
    };
    expect(problems(schema, 'metric: time')).toEqual(['1:1 target: is required; expected a duration']);
    expect(problems(schema, 'metric: other')).toEqual(['1:1 target: is required; expected a target']);
  });

  it('explains a failed oneOf by the alternative the keys name, or says what fits', () => {
    const schema: JsonSchema = {
      errorMessage: 'a trigger has either count or months',
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['id', 'count'], properties: { id: { type: 'string' }, count: { type: 'integer' } } },
        { type: 'object', additionalProperties: false, required: ['id', 'months'], properties: { id: { type: 'string' }, months: { type: 'integer' } } },
      ],
    };
    expect(problems(schema, '{ id: t, count: x }')).toEqual(['1:17 count: expected a whole number']);
    expect(problems(schema, '{ id: t, count: 1, months: 2 }')).toEqual(['1:1 : a trigger has either count or months']);
    expect(problems(schema, '{ idd: t }')).toEqual([
      '1:1 : a trigger has either count or months',
      '1:3 idd: unknown key "idd" (did you mean "id"?)',
      '1:1 id: is required; expected text',
    ]);
    expect(problems(schema, 'x')).toEqual(['1:1 : expected a mapping']);
  });

  it('explains a failed anyOf by the alternative the type fits, in the holder words when it fails as a whole', () => {
    const priority: JsonSchema = { enum: ['P1', 'P2'] };
    const one: JsonSchema = { anyOf: [priority, { type: 'array', items: priority, minItems: 1, errorMessage: 'an empty list matches nothing' }] };
    expect(problems(one, 'P3')).toEqual(['1:1 : expected one of P1, P2; got "P3" (did you mean "P1"?)']);
    expect(problems(one, '7')).toEqual(['1:1 : expected one of P1, P2; got this']);
    expect(problems(one, '[P1, P4]')).toEqual(['1:6 [1]: expected one of P1, P2; got "P4" (did you mean "P1"?)']);
    expect(problems(one, '[]')).toEqual(['1:1 : an empty list matches nothing']);
    const matrix: JsonSchema = { errorMessage: 'expected default or a table', oneOf: [{ const: 'default' }, { type: 'object', required: ['high'] }] };
    expect(problems(matrix, 'defualt')).toEqual(['1:1 : expected default or a table']);
    expect(problems(matrix, '{ low: 1 }')).toEqual(['1:1 high: is required; expected a value']);
  });

  it('lets a format replace the pattern that stands in for it in editors', () => {
    const schema: JsonSchema = { type: 'string', pattern: '^\\d+m$', format: 'minutes', errorMessage: 'expected minutes' };
    const formats = { minutes: (value: unknown) => (value === '0m' ? 'expected more than 0m' : /^\d+m$/.test(String(value)) ? undefined : 'expected minutes like 5m') };
    expect(problems(schema, '0m', formats)).toEqual(['1:1 : expected more than 0m']);
    expect(problems(schema, 'x', formats)).toEqual(['1:1 : expected minutes like 5m']);
    expect(problems(schema, '5', formats)).toEqual(['1:1 : expected minutes']);
    expect(problems(schema, 'x')).toEqual(['1:1 : expected minutes']);
  });

  it('names a repeated item, and says one thing about a place', () => {
    const schema: JsonSchema = {
      type: 'array',
      uniqueItems: true,
      errorMessage: 'expected a list of ids',
      items: { type: 'string', allOf: [{ pattern: '^[a-z]+$', errorMessage: 'expected an id' }, { minLength: 3, errorMessage: 'expected three letters' }] },
    };
    expect(problems(schema, '[abc, abc, A, ab]')).toEqual(['1:12 [2]: expected an id', '1:15 [3]: expected three letters', '1:7 [1]: "abc" is listed twice']);
  });
});
