import type { SchemaModels } from '@underpin/platform';

/**
 * How the models of apps/incidents/schema.graphql (what resolvers return) differ from its types:
 * the fields listed here are computed by field resolvers, so the models leave them out.
 * `npm run graphql:codegen` reads this; the subgraph refuses to start if one has no resolver.
 */
export const SCHEMA_MODELS = {
  Incident: { resolved: ['timeline'] },
} as const satisfies SchemaModels;
