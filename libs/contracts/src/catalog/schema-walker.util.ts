import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { didYouMean } from './did-you-mean.util';
import type { JsonSchema } from './json-schema.type';
import { SchemaIndex } from './schema-index.util';
import { failureMessage, kindOfValue, typeAdmits, typeMessage, typesOf, type ValueKind, type WholeValueKeyword } from './schema-messages.util';
import { childPath, keyOf, type Cursor, type YamlFile } from './yaml-cursor.util';

/** Checks one value for a `format` the schema names; returns what is wrong with it, if anything. */
export type FormatCheck = (value: unknown) => string | undefined;

/**
 * What one node has been told by the schemas applied to it so far: their `properties`, in
 * the order applied (the last that names a key, most specific, says what a missing key
 * should hold), and the keys found missing, with the message of the rule that wanted them
 * when it has one.
 */
interface Frame {
  properties: Array<Record<string, JsonSchema>>;
  missing: Map<string, string | undefined>;
}

/** What a missing key should hold, from the most specific schema of it; a prohibition (`not`) says what it may not be. */
function holding(frame: Frame, key: string): JsonSchema | undefined {
  for (let i = frame.properties.length - 1; i >= 0; i--) {
    const property = frame.properties[i][key];
    if (property !== undefined && property.not === undefined) return property;
  }
  return undefined;
}

/** Where the walk reports; a message is worded only when someone will read it (trials only count). */
interface Sink {
  report(at: Node | null | undefined, path: string, message: () => string): void;
}

/** The walk says one thing about a place: the first rule that fails there. */
class FirstWord implements Sink {
  constructor(private readonly file: YamlFile) {}
  report(at: Node | null | undefined, path: string, message: () => string): void {
    if (!this.file.hasProblemAt({ at: at ?? null, path })) this.file.report(at, path, message());
  }
}

class Counter implements Sink {
  count = 0;
  report(): void {
    this.count++;
  }
}

class Recorder implements Sink {
  readonly places: Array<{ at: Node | null | undefined; path: string }> = [];
  report(at: Node | null | undefined, path: string): void {
    this.places.push({ at, path });
  }
}

/**
 * Validates parsed YAML against a JSON Schema, reporting each problem at the node it is
 * about, with the schema's `errorMessage` or a message naming what was expected. The
 * subset: `$ref` to `#/definitions`, `type`, `const`, `enum`, `pattern`, `minLength`,
 * `minimum`/`maximum`/`exclusiveMinimum`, `properties`, `required`, `additionalProperties`,
 * `propertyNames`, `min/maxProperties`, `items`, `minItems`, `uniqueItems`, `contains`,
 * `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, and `format` for the checks named
 * in `formats` (a registered format replaces the schema's other checks of that value: it
 * is the code the pattern beside it stands in for in editors).
 *
 * `errorMessage` is the message of any failure of the keywords beside it, except those
 * that point into the value: an unknown key (`unknown key "x" (did you mean "y"?)`), a
 * repeated item (`"x" is listed twice`), and a key missing from a schema with `type`
 * (`is required; ` and what that key should hold). A `required` in a schema without `type`
 * is a rule, and its `errorMessage` is the message.
 */
export class SchemaWalker {
  private readonly index: SchemaIndex;

  constructor(
    schema: JsonSchema,
    private readonly formats: Readonly<Record<string, FormatCheck>>,
  ) {
    this.index = new SchemaIndex(schema);
  }

  walk(cursor: Cursor): void {
    this.check(cursor, this.index.root, new FirstWord(cursor.file));
  }

  private check(cursor: Cursor, schema: JsonSchema, sink: Sink): void {
    const frame: Frame = { properties: [], missing: new Map() };
    this.apply(cursor, schema, frame, sink);
    for (const [key, message] of frame.missing) {
      sink.report(cursor.at, childPath(cursor.path, key), () => message ?? `is required; ${this.index.expectation(holding(frame, key))}`);
    }
  }

  private passes(cursor: Cursor, schema: JsonSchema): boolean {
    const counter = new Counter();
    this.check(cursor, schema, counter);
    return counter.count === 0;
  }

  private apply(cursor: Cursor, schema: JsonSchema, frame: Frame, sink: Sink): void {
    if (schema.$ref !== undefined) this.apply(cursor, this.index.target(schema.$ref), frame, sink);
    const node = cursor.node;
    const value = isScalar(node) ? node.value : undefined;
    const fail = (keyword: WholeValueKeyword) => sink.report(cursor.at, cursor.path, () => this.message(schema, keyword, value));

    const types = typesOf(schema);
    if (types.length > 0 && !types.some((type) => typeAdmits(type, kindOf(node), value))) return fail('type');
    const format = schema.format === undefined ? undefined : this.formats[schema.format];
    if (format !== undefined) {
      const problem = format(value);
      if (problem !== undefined) sink.report(cursor.at, cursor.path, () => problem);
      return;
    }
    const failed = this.failingValueKeyword(schema, node, value);
    if (failed !== undefined) return fail(failed);

    if (isMap(node)) this.applyObject(cursor, node, schema, frame, sink);
    if (isSeq(node)) this.applyArray(cursor, node, schema, sink);
    for (const part of schema.allOf ?? []) this.apply(cursor, part, frame, sink);
    if (schema.anyOf !== undefined) this.choose(cursor, schema, schema.anyOf, 'anyOf', frame, sink);
    if (schema.oneOf !== undefined) this.choose(cursor, schema, schema.oneOf, 'oneOf', frame, sink);
    if (schema.not !== undefined && this.passes(cursor, schema.not)) {
      const at = this.culprit(cursor, schema.not);
      sink.report(at.at, at.path, () => this.message(schema, 'not', value));
    }
    if (schema.if !== undefined) {
      const branch = this.passes(cursor, schema.if) ? schema.then : schema.else;
      if (branch !== undefined) this.apply(cursor, branch, frame, sink);
    }
  }

  private failingValueKeyword(schema: JsonSchema, node: Node | null, value: unknown): WholeValueKeyword | undefined {
    const scalar = isScalar(node);
    if (schema.const !== undefined && !(scalar && value === schema.const)) return 'const';
    if (schema.enum !== undefined && !(scalar && schema.enum.includes(value))) return 'enum';
    if (typeof value === 'string' && scalar) {
      if (schema.pattern !== undefined && !this.index.regex(schema.pattern).test(value)) return 'pattern';
      if (schema.minLength !== undefined && [...value].length < schema.minLength) return 'minLength';
    }
    if (typeof value === 'number' && scalar) {
      if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)) return 'exclusiveMinimum';
      if (schema.minimum !== undefined && !(value >= schema.minimum)) return 'minimum';
      if (schema.maximum !== undefined && !(value <= schema.maximum)) return 'maximum';
    }
    return undefined;
  }

  private applyObject(cursor: Cursor, map: YAMLMap, schema: JsonSchema, frame: Frame, sink: Sink): void {
    const properties = schema.properties ?? {};
    if (schema.properties !== undefined) frame.properties.push(schema.properties);
    const additional = schema.additionalProperties;
    const present = new Set<string>();
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      const key = keyOf(keyNode);
      if (key === undefined) {
        sink.report(keyNode ?? cursor.at, cursor.path, () => 'expected a plain key');
        continue;
      }
      // The YAML parser reports a key given twice; the first one is the one read.
      if (present.has(key)) continue;
      present.add(key);
      const path = childPath(cursor.path, key);
      if (schema.propertyNames !== undefined) this.check({ file: cursor.file, at: keyNode, node: keyNode, path }, schema.propertyNames, sink);
      const own = Object.hasOwn(properties, key) ? properties[key] : typeof additional === 'object' ? additional : undefined;
      if (own !== undefined) this.check(cursor.file.cursor(pair.value as Node | null, path, keyNode), own, sink);
      else if (additional === false) sink.report(keyNode, path, () => `unknown key "${key}"${didYouMean(key, Object.keys(properties))}`);
    }
    const rule = schema.type === undefined ? schema.errorMessage : undefined;
    for (const key of schema.required ?? []) {
      if (!present.has(key)) frame.missing.set(key, rule ?? frame.missing.get(key));
    }
    if (schema.minProperties !== undefined && present.size < schema.minProperties) {
      sink.report(cursor.at, cursor.path, () => this.message(schema, 'minProperties', undefined));
    } else if (schema.maxProperties !== undefined && present.size > schema.maxProperties) {
      sink.report(cursor.at, cursor.path, () => this.message(schema, 'maxProperties', undefined));
    }
  }

  private applyArray(cursor: Cursor, seq: YAMLSeq, schema: JsonSchema, sink: Sink): void {
    const items = seq.items.map((item, index) => cursor.file.cursor(item as Node | null, `${cursor.path}[${index}]`, cursor.at));
    if (schema.items !== undefined) for (const item of items) this.check(item, schema.items, sink);
    if (schema.minItems !== undefined && items.length < schema.minItems) {
      sink.report(cursor.at, cursor.path, () => this.message(schema, 'minItems', undefined));
    }
    if (schema.uniqueItems === true) {
      const seen = new Set<string>();
      for (const item of items) {
        if (!isScalar(item.node)) continue;
        const value = item.node.value;
        const key = `${typeof value}:${String(value)}`;
        if (seen.has(key)) sink.report(item.at, item.path, () => `"${String(value)}" is listed twice`);
        seen.add(key);
      }
    }
    const contains = schema.contains;
    if (contains !== undefined && !items.some((item) => this.passes(item, contains))) {
      sink.report(cursor.at, cursor.path, () => this.message(schema, 'contains', undefined));
    }
  }

  /**
   * `anyOf`/`oneOf`. When no alternative fits, the one the value was meant for explains
   * why: the only one its type fits, or among mappings the only one its keys name (see
   * SchemaIndex.namedBy). Without such a one, the schema's own message says what fits.
   */
  private choose(cursor: Cursor, holder: JsonSchema, branches: JsonSchema[], keyword: 'anyOf' | 'oneOf', frame: Frame, sink: Sink): void {
    const passing = branches.filter((branch) => this.passes(cursor, branch)).length;
    if (keyword === 'anyOf' ? passing > 0 : passing === 1) return;
    const report = (message: string) => sink.report(cursor.at, cursor.path, () => message);
    const value = isScalar(cursor.node) ? cursor.node.value : undefined;
    if (passing > 1) return report(holder.errorMessage ?? 'fits more than one of the alternatives');
    const kind = kindOf(cursor.node);
    let meant = branches.filter((branch) => this.index.admits(branch, kind, value));
    if (meant.length === 0) {
      const shared = this.index.sharedType(branches);
      if (shared !== undefined) return report(typeMessage({ type: shared }));
      if (holder.errorMessage !== undefined) return report(holder.errorMessage);
      return this.apply(cursor, branches[0], frame, sink);
    }
    const map = isMap(cursor.node) ? cursor.node : undefined;
    if (meant.length > 1 && map !== undefined) {
      meant = this.index.namedBy(meant, new Set(map.items.map((pair) => keyOf(pair.key)).filter((key) => key !== undefined)));
    }
    if (meant.length === 1) return this.explain(cursor, holder, meant[0], frame, sink);
    sink.report(cursor.at, cursor.path, () => this.message(holder, keyword, value));
    if (map !== undefined) this.checkKeysAcross(cursor, map, branches, sink);
  }

  /** The alternative's own problems, unless they are all about the value as a whole: then the holder's message. */
  private explain(cursor: Cursor, holder: JsonSchema, branch: JsonSchema, frame: Frame, sink: Sink): void {
    const message = holder.errorMessage;
    if (message !== undefined) {
      const trial = new Recorder();
      this.check(cursor, branch, trial);
      if (trial.places.every((place) => place.at === cursor.at && place.path === cursor.path)) {
        sink.report(cursor.at, cursor.path, () => message);
        return;
      }
    }
    this.apply(cursor, branch, frame, sink);
  }

  /**
   * For a mapping no alternative can be picked for: its unknown keys, and the keys every
   * alternative reads alike (present, and missing when every alternative requires them).
   */
  private checkKeysAcross(cursor: Cursor, map: YAMLMap, branches: JsonSchema[], sink: Sink): void {
    const shapes = branches.map((branch) => this.index.deref(branch));
    const closed = shapes.every((shape) => shape.additionalProperties === false);
    const known = [...new Set(shapes.flatMap((shape) => Object.keys(shape.properties ?? {})))];
    const common = (key: string) => {
      const [first, ...others] = shapes.map((shape) => shape.properties?.[key]);
      return first !== undefined && others.every((s) => JSON.stringify(s) === JSON.stringify(first)) ? first : undefined;
    };
    const present = new Set<string>();
    for (const pair of map.items) {
      const key = keyOf(pair.key);
      if (key === undefined) continue;
      present.add(key);
      const path = childPath(cursor.path, key);
      const shared = common(key);
      if (closed && !known.includes(key)) sink.report(pair.key as Node, path, () => `unknown key "${key}"${didYouMean(key, known)}`);
      else if (shared !== undefined) this.check(cursor.file.cursor(pair.value as Node | null, path, pair.key as Node), shared, sink);
    }
    for (const key of shapes[0]?.required ?? []) {
      const shared = common(key);
      if (!present.has(key) && shared !== undefined && shapes.every((shape) => shape.required?.includes(key))) {
        sink.report(cursor.at, childPath(cursor.path, key), () => `is required; ${this.index.expectation(shared)}`);
      }
    }
  }

  /** Where a failed `not` points: at the key it forbids, at the list item it forbids, else at the value. */
  private culprit(cursor: Cursor, forbidden: JsonSchema): Cursor {
    const s = this.index.deref(forbidden);
    const map = isMap(cursor.node) ? cursor.node : undefined;
    const keys = s.required?.length === 1 ? s.required : s.anyOf?.every((b) => b.required?.length === 1) ? s.anyOf.map((b) => b.required![0]) : [];
    const pair = map?.items.find((item) => keys.includes(keyOf(item.key) ?? ''));
    if (pair !== undefined) {
      return cursor.file.cursor(pair.value as Node | null, childPath(cursor.path, keyOf(pair.key) as string), pair.key as Node);
    }
    if (s.contains !== undefined && isSeq(cursor.node)) {
      const contains = s.contains;
      const items = cursor.node.items.map((item, index) => cursor.file.cursor(item as Node | null, `${cursor.path}[${index}]`, cursor.at));
      const item = items.find((candidate) => this.passes(candidate, contains));
      if (item !== undefined) return item;
    }
    return cursor;
  }

  private message(schema: JsonSchema, keyword: WholeValueKeyword, value: unknown): string {
    return failureMessage(schema, keyword, value, (s) => this.index.expectation(s));
  }
}

function kindOf(node: Node | null): ValueKind {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  return isScalar(node) ? kindOfValue(node.value) : 'null';
}
