import { isObjectType, type GraphQLSchema } from 'graphql';

/** How one type's model (what its resolvers return) differs from the type in the SDL. */
export interface SchemaModelSpec {
  /** Fields a field resolver computes: the model leaves them out. */
  readonly resolved?: readonly string[];
  /** Plain data the model carries for those field resolvers, not in the schema: name → TypeScript type. */
  readonly hidden?: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'Date'>>;
}

/**
 * A subgraph's `SCHEMA_MODELS` (apps/<service>/src/graphql/schema-models.constant.ts), read by
 * tools/graphql/codegen.js to generate the models and by the subgraph at boot.
 */
export type SchemaModels = Readonly<Record<string, SchemaModelSpec>>;

/**
 * The fields the models leave out that no resolver computes, as `Type.field`. Such a field
 * would answer null, or fail as a non-null field, on every query that asks for it.
 */
export function unresolvedFields(schema: GraphQLSchema, models: SchemaModels): string[] {
  const missing: string[] = [];
  for (const [typeName, spec] of Object.entries(models)) {
    const type = schema.getType(typeName);
    for (const field of spec.resolved ?? []) {
      if (!isObjectType(type) || type.getFields()[field]?.resolve === undefined) missing.push(`${typeName}.${field}`);
    }
  }
  return missing;
}
