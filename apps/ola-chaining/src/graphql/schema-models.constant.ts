import type { SchemaModels } from '@underpin/platform';

/**
 * How the models of apps/ola-chaining/schema.graphql (what resolvers return) differ from its
 * types: the fields listed as resolved are computed by field resolvers from the catalogue
 * version's index, which they look up by revision, so the models leave them out; an objective
 * carries the revision it was read from, which the schema does not show.
 * `npm run graphql:codegen` reads this; the subgraph refuses to start if one has no resolver.
 */
export const SCHEMA_MODELS = {
  Catalog: { resolved: ['parties', 'calendars', 'maintenance', 'services', 'agreements', 'agreement', 'findings'] },
  CatalogPublication: { resolved: ['agreements'] },
  Agreement: { resolved: ['providerParty', 'consumerParty', 'objective', 'findings'] },
  Objective: { resolved: ['agreement', 'underpinnings', 'underpins', 'findings'], hidden: { catalogRevision: 'string' } },
} as const satisfies SchemaModels;
