import type { JsonSchema, JsonType } from './json-schema.type';
import { kindOfValue, typeAdmits, typeMessage, typesOf, type ValueKind } from './schema-messages.util';

const DEFINITION_REF = /^#\/definitions\/([^/]+)$/;

/**
 * Questions about a schema that do not involve a value: where a `$ref` leads, what a
 * subschema expects (for `is required; …`), which alternatives a value could be meant for.
 */
export class SchemaIndex {
  private readonly patterns = new Map<string, RegExp>();

  constructor(readonly root: JsonSchema) {}

  /** The schema a `$ref` names; only the document itself (`#`) and `#/definitions/<name>`. */
  target(ref: string): JsonSchema {
    if (ref === '#') return this.root;
    const name = DEFINITION_REF.exec(ref)?.[1];
    const found = name === undefined ? undefined : this.root.definitions?.[name];
    if (found === undefined) throw new Error(`catalog schema: cannot resolve $ref ${ref}`);
    return found;
  }

  /** Follows `$ref` until a schema that is not only a reference. */
  deref(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; current.$ref !== undefined && hops < 32; hops++) current = this.target(current.$ref);
    return current;
  }

  regex(pattern: string): RegExp {
    let compiled = this.patterns.get(pattern);
    if (compiled === undefined) {
      compiled = new RegExp(pattern, 'u');
      this.patterns.set(pattern, compiled);
    }
    return compiled;
  }

  /** What a value of this schema must be, said as `expected …`: for `is required; …`. */
  expectation(schema: JsonSchema | undefined): string {
    if (schema === undefined) return 'expected a value';
    if (schema.errorMessage !== undefined) return schema.errorMessage;
    if (schema.$ref !== undefined) return this.expectation(this.target(schema.$ref));
    if (schema.allOf?.[0] !== undefined) return this.expectation(schema.allOf[0]);
    if (schema.enum !== undefined) return `expected one of ${schema.enum.map(String).join(', ')}`;
    if (schema.const !== undefined) return `expected ${String(schema.const)}`;
    if (schema.anyOf ?? schema.oneOf) return this.describeAlternatives(schema);
    return typeMessage(schema);
  }

  /** `expected a or b`, from each alternative's own expectation. */
  private describeAlternatives(schema: JsonSchema): string {
    const parts = (schema.anyOf ?? schema.oneOf ?? []).map((branch) => this.expectation(branch).replace(/^expected /, ''));
    return `expected ${parts.join(' or ')}`;
  }

  /** Whether a value of this kind could be meant for the alternative (its type, const or enum fits). */
  admits(schema: JsonSchema, kind: ValueKind, value: unknown): boolean {
    const s = this.deref(schema);
    const types = typesOf(s);
    if (types.length > 0) return types.some((type) => typeAdmits(type, kind, value) || (type === 'integer' && kind === 'number'));
    if (s.const !== undefined) return kindOfValue(s.const) === kind;
    if (s.enum !== undefined) return s.enum.some((allowed) => kindOfValue(allowed) === kind);
    if (s.allOf?.[0] !== undefined) return this.admits(s.allOf[0], kind, value);
    return true;
  }

  /** The one type every alternative demands, if they agree on one. */
  sharedType(branches: readonly JsonSchema[]): JsonType | undefined {
    const types = branches.map((branch) => typesOf(this.deref(branch)));
    const first = types[0];
    if (first?.length !== 1) return undefined;
    return types.every((t) => t.length === 1 && t[0] === first[0]) ? first[0] : undefined;
  }

  /**
   * The alternatives a mapping names by its keys: a key an alternative requires and no other
   * alternative mentions tells that the mapping is meant to be that one (`breachedPeriods`
   * makes an exit trigger a breached-periods trigger).
   */
  namedBy(branches: readonly JsonSchema[], present: ReadonlySet<string>): JsonSchema[] {
    const mentioned = branches.map((branch) => {
      const s = this.deref(branch);
      return new Set([...(s.required ?? []), ...Object.keys(s.properties ?? {})]);
    });
    return branches.filter((branch, i) => {
      const required = this.deref(branch).required ?? [];
      const own = required.filter((key) => mentioned.every((keys, j) => j === i || !keys.has(key)));
      return own.some((key) => present.has(key));
    });
  }

  /** Every key the schema declares, across its references and alternatives. */
  declaredKeys(schema: JsonSchema): string[] {
    const keys = new Set<string>();
    const visit = (s: JsonSchema, depth: number) => {
      if (depth > 8) return;
      const d = this.deref(s);
      for (const key of Object.keys(d.properties ?? {})) keys.add(key);
      for (const branch of [...(d.allOf ?? []), ...(d.anyOf ?? []), ...(d.oneOf ?? [])]) visit(branch, depth + 1);
    };
    visit(schema, 0);
    return [...keys];
  }
}
