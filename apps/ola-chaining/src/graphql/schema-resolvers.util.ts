import { schemaResolvers } from '@underpin/platform';
import type { Resolvers } from './schema.type';

/** Nest's resolver decorators bound to apps/ola-chaining/schema.graphql through its generated types. */
export const { Query, Mutation, RootResolver, typeResolver } = schemaResolvers<Resolvers>();
