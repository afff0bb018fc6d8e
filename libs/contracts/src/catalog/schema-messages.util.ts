import { didYouMean } from './did-you-mean.util';
import type { JsonSchema, JsonType } from './json-schema.type';

/** What a YAML value is, in JSON Schema's words. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** The keywords whose failure is a message about the value as a whole, at the value. */
export type WholeValueKeyword =
  | 'type'
  | 'const'
  | 'enum'
  | 'pattern'
  | 'minLength'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'minItems'
  | 'contains'
  | 'minProperties'
  | 'maxProperties'
  | 'required'
  | 'not'
  | 'anyOf'
  | 'oneOf';

export function kindOfValue(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value as ValueKind;
  return 'object';
}

export function typesOf(schema: JsonSchema): JsonType[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

export function typeAdmits(type: JsonType, kind: ValueKind, value: unknown): boolean {
  if (type === 'integer') return kind === 'number' && Number.isInteger(value);
  if (type === 'number') return kind === 'number' && Number.isFinite(value as number);
  return type === kind;
}

/**
 * The message of a failing keyword that judges the value as a whole. A schema's
 * `errorMessage` replaces the generic one, as editors show it; the generic ones name what
 * was expected and, for a word, what was given and the closest allowed word.
 */
export function failureMessage(schema: JsonSchema, keyword: WholeValueKeyword, value: unknown, describe: (s: JsonSchema) => string): string {
  if (schema.errorMessage !== undefined) return schema.errorMessage;
  switch (keyword) {
    case 'const':
      return `expected ${String(schema.const)}${typeof value === 'string' ? `; got "${value}"` : ''}`;
    case 'enum': {
      const allowed = (schema.enum ?? []).map(String);
      const got = typeof value === 'string' ? `"${value}"${didYouMean(value, allowed)}` : 'this';
      return `expected one of ${allowed.join(', ')}; got ${got}`;
    }
    case 'pattern':
      return `expected text matching ${schema.pattern}`;
    case 'minItems':
      return `expected at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`;
    case 'minProperties':
      return `expected at least ${schema.minProperties} key${schema.minProperties === 1 ? '' : 's'}`;
    case 'maxProperties':
      return `expected at most ${schema.maxProperties} key${schema.maxProperties === 1 ? '' : 's'}`;
    case 'contains':
      return `expected a list holding ${describe(schema.contains ?? {}).replace(/^expected /, '')}`;
    case 'not':
      return 'is not allowed here';
    case 'anyOf':
    case 'oneOf':
      return describe(schema);
    default:
      return typeMessage(schema);
  }
}

/** `expected text`, `expected a list`, `expected a whole number at least 1`, … */
export function typeMessage(schema: JsonSchema): string {
  const types = typesOf(schema);
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) return numberMessage(schema, types[0]);
  if (types.length === 0) return schema.minLength !== undefined ? 'expected text' : 'expected a value';
  if (types.length === 1 && types[0] === 'boolean') return 'expected true or false';
  return `expected ${types.map(noun).join(' or ')}`;
}

function numberMessage(schema: JsonSchema, type: 'number' | 'integer'): string {
  const bounds: string[] = [];
  if (schema.exclusiveMinimum !== undefined) bounds.push(`above ${schema.exclusiveMinimum}`);
  else if (schema.minimum !== undefined) bounds.push(`at least ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`at most ${schema.maximum}`);
  const what = type === 'integer' ? 'a whole number' : 'a number';
  return bounds.length > 0 ? `expected ${what} ${bounds.join(' and ')}` : `expected ${what}`;
}

function noun(type: JsonType): string {
  const nouns: Record<JsonType, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    null: 'nothing',
  };
  return nouns[type];
}
