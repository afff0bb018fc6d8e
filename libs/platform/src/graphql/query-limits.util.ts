import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateQuery } from './query-cost.util';
import { QueryTooCostlyException, QueryTooDeepException } from './query-limit.exception';

export interface QueryLimits {
  /** Deepest nesting of fields answered. */
  maxDepth: number;
  /** Most field values one query may resolve, as `estimateQuery` counts them. */
  maxCost: number;
  /** Items counted for a list without `first` (lists the catalogue bounds: objectives of one agreement, …). */
  assumedListSize: number;
}

/**
 * What the gateway answers. Deep enough for the chain walks and for the standard introspection
 * query (15 levels), too shallow for the cycles of the graph (objective → agreement →
 * objectives → …) to multiply an answer past memory. The cost counts what a depth limit
 * cannot see (aliases, fragments, wide pages): 100 000 field values are a few tens of MB to
 * build and send, where the query that once took ola-chaining down asked for billions. The
 * standard introspection query counts about 50 000.
 */
export const GATEWAY_QUERY_LIMITS: QueryLimits = { maxDepth: 15, maxCost: 100_000, assumedListSize: 10 };

/**
 * What a subgraph answers: twice the gateway's cost, because the fetches the gateway plans add
 * a key field per entity to what the caller asked, and a query the gateway lets through must
 * not be refused by a subgraph it reaches.
 */
export const SUBGRAPH_QUERY_LIMITS: QueryLimits = { ...GATEWAY_QUERY_LIMITS, maxCost: 200_000 };

/** Throws QueryTooDeepException or QueryTooCostlyException when the operation exceeds `limits`. */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: QueryLimits,
): void {
  const estimate = estimateQuery(schema, document, { ...request, assumedListSize: limits.assumedListSize });
  if (!estimate) return;
  if (estimate.depth > limits.maxDepth) throw new QueryTooDeepException(estimate.depth, limits.maxDepth, estimate.deepestPath);
  if (estimate.cost > limits.maxCost) throw new QueryTooCostlyException(estimate.cost, limits.maxCost, limits.assumedListSize);
}

/**
 * Refuses an operation past `limits` after validation and before execution, with its variables
 * known (a page size may be one). Nothing of the query runs, so it costs the server nothing.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          checkQueryLimits(schema, document, { operationName: request.operationName, variables: request.variables }, limits);
        },
      };
    },
  };
}
