import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { PAGE_SIZE_MAX } from './pagination.util';

export interface QueryEstimateOptions {
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** Items counted for a list field without `first`: the lists bounded by the catalogue, not by data. */
  assumedListSize: number;
}

export interface QueryEstimate {
  /** Field values the operation resolves at most, a list counting `first` (or the assumed size) items. */
  cost: number;
  /** Deepest nesting of fields (`__typename` aside). */
  depth: number;
  /** Response path of the deepest field. */
  deepestPath: string[];
}

interface Measure {
  /** Cost of one instance of a selection set: a parent with n instances costs n times as much. */
  cost: number;
  depth: number;
  path: string[];
}

const NOTHING: Measure = { cost: 0, depth: 0, path: [] };

/**
 * Sizes an operation before it runs, from the document and the schema alone. A field costs one
 * per value it resolves; a list multiplies what is below it by its length: `first` for a
 * paginated field (its connection's `nodes` included), the number of representations for
 * `_entities`, and `assumedListSize` for the other lists. Fragments are sized once per page
 * size they are used with, so the work is linear in the document even where its answer would
 * be exponential.
 */
export function estimateQuery(schema: GraphQLSchema, document: DocumentNode, options: QueryEstimateOptions): QueryEstimate | undefined {
  const operation = getOperationAST(document, options.operationName ?? undefined);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const raw = options.variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const measure = new Estimator(schema, fragments, coerced.coerced ?? raw, options.assumedListSize).selectionSet(operation.selectionSet, root, undefined);
  return { cost: measure.cost, depth: measure.depth, deepestPath: measure.path };
}

class Estimator {
  private readonly sized = new Map<string, Measure>();
  private readonly sizing = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly assumedListSize: number,
  ) {}

  /** `pageSize`: the `first` of the connection field this set selects from, if it is one. */
  selectionSet(set: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | undefined): Measure {
    let cost = 0;
    let deepest = NOTHING;
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      const measure = this.selection(selection, type, pageSize);
      cost += measure.cost;
      if (measure.depth > deepest.depth) deepest = measure;
    }
    return { cost, depth: deepest.depth, path: deepest.path };
  }

  private selection(selection: SelectionNode, type: GraphQLCompositeType, pageSize: number | undefined): Measure {
    switch (selection.kind) {
      case Kind.FIELD:
        return this.field(selection, type, pageSize);
      case Kind.INLINE_FRAGMENT:
        return this.selectionSet(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? type, pageSize);
      case Kind.FRAGMENT_SPREAD:
        return this.spread(selection.name.value, pageSize);
    }
  }

  private spread(name: string, pageSize: number | undefined): Measure {
    const key = `${name}|${pageSize ?? ''}`;
    const known = this.sized.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    const type = this.typeNamed(fragment?.typeCondition.name.value);
    // Validation refuses cycles and unknown fragments before this runs; this only keeps the walk finite.
    if (!fragment || !type || this.sizing.has(key)) return NOTHING;
    this.sizing.add(key);
    const measure = this.selectionSet(fragment.selectionSet, type, pageSize);
    this.sizing.delete(key);
    this.sized.set(key, measure);
    return measure;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, pageSize: number | undefined): Measure {
    const name = node.name.value;
    if (name === '__typename') return NOTHING;
    const key = node.alias?.value ?? name;
    const definition = this.fieldOf(parent, name);
    const named = definition && getNamedType(definition.type);
    if (!definition || !node.selectionSet || !isCompositeType(named)) return { cost: 1, depth: 1, path: [key] };
    const first = definition.args.some((arg) => arg.name === 'first') ? pageSizeOf(this.argument(node, definition, 'first')) : undefined;
    let items = 1;
    if (isListType(getNullableType(definition.type))) items = first ?? (name === '_entities' ? this.representations(node, definition) : (pageSize ?? this.assumedListSize));
    const inner = this.selectionSet(node.selectionSet, named, isListType(getNullableType(definition.type)) ? undefined : first);
    return { cost: 1 + items * inner.cost, depth: 1 + inner.depth, path: [key, ...inner.path] };
  }

  private representations(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const value = this.argument(node, definition, 'representations');
    return Array.isArray(value) ? value.length : this.assumedListSize;
  }

  private argument(node: FieldNode, definition: GraphQLField<unknown, unknown>, name: string): unknown {
    const arg = definition.args.find((candidate) => candidate.name === name);
    const given = node.arguments?.find((candidate) => candidate.name.value === name);
    if (!arg) return undefined;
    if (!given) return arg.defaultValue;
    if (given.value.kind === Kind.VARIABLE) return this.variables[given.value.name.value] ?? arg.defaultValue;
    return valueFromAST(given.value, arg.type, this.variables);
  }

  private fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (parent === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  private typeNamed(name: string | undefined): GraphQLCompositeType | undefined {
    const type = name === undefined ? undefined : this.schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  }

  private included(selection: SelectionNode): boolean {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.['if'] === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.['if'] !== false;
    } catch {
      // A directive argument execution will refuse anyway: count the selection.
      return true;
    }
  }
}

/** A `first` as execution will take it: never more than PAGE_SIZE_MAX; anything else counts as the most. */
function pageSizeOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.floor(value), 0), PAGE_SIZE_MAX) : PAGE_SIZE_MAX;
}
