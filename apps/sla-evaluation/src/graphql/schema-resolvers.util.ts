import { schemaResolvers } from '@underpin/platform';
import type { Resolvers } from './schema.type';

/** Nest's resolver decorators bound to apps/sla-evaluation/schema.graphql through its generated types. */
export const { Query, RootResolver, typeResolver } = schemaResolvers<Resolvers>();
