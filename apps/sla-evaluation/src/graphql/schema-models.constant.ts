import type { SchemaModels } from '@underpin/platform';

/**
 * How the models of apps/sla-evaluation/schema.graphql (what resolvers return) differ from its
 * types: the fields listed here are computed by field resolvers, so the models leave them out.
 * The incidents service owns Incident: here it is its key and what this subgraph adds to it.
 * `npm run graphql:codegen` reads this; the subgraph refuses to start if one has no resolver.
 */
export const SCHEMA_MODELS = {
  Incident: { resolved: ['slaTracking', 'clocks', 'alerts'] },
} as const satisfies SchemaModels;
