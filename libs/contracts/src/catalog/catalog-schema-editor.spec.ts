import { PERIOD_METRICS, TIME_METRICS } from '@underpin/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITY_ID_DESCRIPTION } from '../ids/entity-id.constant';
import { CATALOG_FORMATS, NAMED_METRICS } from './catalog-formats.util';
import { CATALOG_SCHEMA } from './catalog-schema.constant';
import type { JsonSchema } from './json-schema.type';

const SCHEMA_FILE = join(__dirname, '../../schema/catalog.schema.json');

/** Every subschema with the JSON pointer it sits at, and whether it describes a field or states a rule. */
function subschemas(schema: JsonSchema, pointer = '#', inRule = false): Array<{ pointer: string; schema: JsonSchema; inRule: boolean }> {
  const out = [{ pointer, schema, inRule }];
  const visit = (child: JsonSchema | boolean | undefined, at: string, rule: boolean) => {
    if (child !== undefined && typeof child === 'object') out.push(...subschemas(child, at, rule));
  };
  for (const [name, property] of Object.entries(schema.properties ?? {})) visit(property, `${pointer}/properties/${name}`, inRule);
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) visit(definition, `${pointer}/definitions/${name}`, false);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    schema[key]?.forEach((branch, i) => visit(branch, `${pointer}/${key}/${i}`, inRule));
  }
  for (const key of ['if', 'then', 'else', 'not'] as const) visit(schema[key], `${pointer}/${key}`, true);
  visit(schema.items, `${pointer}/items`, inRule);
  visit(schema.additionalProperties, `${pointer}/additionalProperties`, inRule);
  visit(schema.propertyNames, `${pointer}/propertyNames`, inRule);
  visit(schema.contains, `${pointer}/contains`, inRule);
  return out;
}

const ALL = subschemas(CATALOG_SCHEMA);

describe('catalog.schema.json for editors', () => {
  it('names itself, so `# yaml-language-server: $schema=…` and the JSON Schema draft are found', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    expect(CATALOG_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(CATALOG_SCHEMA.$id).toMatch(/^urn:underpin:schema:catalog:v1$/);
    expect(readFileSync(join(__dirname, '../../../../examples/meetings/catalog.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/libs\/contracts\/schema\/catalog\.schema\.json\n/,
    );
    expect(JSON.parse(text)).toEqual(CATALOG_SCHEMA);
  });

  it('describes every field, for hover docs and completion', () => {
    const fields = ALL.filter(({ inRule }) => !inRule).flatMap(({ pointer, schema }) =>
      Object.entries(schema.properties ?? {}).map(([name, property]) => ({ at: `${pointer}/properties/${name}`, property })),
    );
    expect(fields.length).toBeGreaterThan(100);
    const undescribed = fields.filter(({ property }) => typeof property.description !== 'string' || property.description.trim() === '');
    expect(undescribed.map(({ at }) => at)).toEqual([]);
  });

  it('resolves every $ref', () => {
    const refs = ALL.flatMap(({ schema }) => (schema.$ref === undefined ? [] : [schema.$ref]));
    const unresolved = refs.filter((ref) => CATALOG_SCHEMA.definitions?.[ref.replace('#/definitions/', '')] === undefined);
    expect(refs.length).toBeGreaterThan(50);
    expect(unresolved).toEqual([]);
  });

  it('names only formats the loader checks, and the loader checks no format the schema does not name', () => {
    const named = new Set(ALL.flatMap(({ schema }) => (schema.format === undefined ? [] : [schema.format])));
    expect([...named].sort()).toEqual(Object.keys(CATALOG_FORMATS).sort());
  });

  it('spells the id rule and the metrics as the platform does', () => {
    const definitions = CATALOG_SCHEMA.definitions ?? {};
    expect(definitions.id.errorMessage).toBe(`expected ${ENTITY_ID_DESCRIPTION}`);
    expect(definitions.metric.anyOf?.[0].enum).toEqual(NAMED_METRICS);
    expect(NAMED_METRICS).toEqual([...TIME_METRICS, ...PERIOD_METRICS, 'latency_p95']);
    expect(definitions.timeMetric.enum).toEqual([...TIME_METRICS]);
  });

  it('gives every rule its own message, so neither the loader nor an editor falls back to a generic one', () => {
    const rulesWithoutMessage = ALL.filter(({ pointer, schema }) => {
      const not = schema.not;
      const forbids = not !== undefined && (Object.keys(not).length === 0 || [not.required, not.const, not.contains].some((k) => k !== undefined));
      const chooses = schema.anyOf !== undefined && schema.anyOf.every((branch) => branch.required !== undefined);
      return (forbids || chooses) && schema.errorMessage === undefined && !/\/(if|not)(\/|$)/.test(pointer);
    });
    expect(rulesWithoutMessage.map(({ pointer }) => pointer)).toEqual([]);
  });
});
