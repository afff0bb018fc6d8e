import { join } from 'node:path';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { repoRoot } from '../config/repo-root.util';
import { DateTimeScalar } from './date-time-scalar.constant';
import { locateInputError } from './input-location.util';
import { queryLimitsPlugin, SUBGRAPH_QUERY_LIMITS } from './query-limits.util';
import { unresolvedFields, type SchemaModels } from './schema-models.util';
import { InvalidValueException } from './user-input.exception';

/** The committed SDL of a service's subgraph: the contract its resolvers implement. */
export function subgraphSchemaFile(service: string): string {
  return join(repoRoot(), 'apps', service, 'schema.graphql');
}

/**
 * GraphQL settings shared by every service's subgraph: Federation 2, schema-first from the
 * committed `apps/<service>/schema.graphql` (the same files the supergraph is composed from),
 * errors that never carry a stack trace to the caller, and no query that would answer more
 * than the service can hold (see SUBGRAPH_QUERY_LIMITS). `models` is the service's SCHEMA_MODELS:
 * the service refuses to start while a field its models leave out has no resolver.
 *
 * Schema-first rather than code-first: code-first keeps its type metadata in process-wide
 * storage, so two subgraphs that both declare the `Incident` entity cannot be hosted in one
 * process, and all-in-one mode hosts them all.
 */
export function subgraphOptions(service: string, models: SchemaModels = {}): ApolloFederationDriverConfig {
  return {
    driver: ApolloFederationDriver,
    typePaths: [subgraphSchemaFile(service)],
    resolvers: { DateTime: DateTimeScalar },
    transformSchema: (schema) => {
      const missing = unresolvedFields(schema, models);
      if (missing.length > 0) throw new Error(`${service}: no resolver computes ${missing.join(', ')}, which its schema models leave out`);
      return schema;
    },
    path: '/graphql',
    includeStacktraceInErrorResponses: false,
    playground: false,
    formatError: formatGraphqlError,
    // Traces go to OpenTelemetry, not into federated responses.
    plugins: [ApolloServerPluginInlineTraceDisabled(), queryLimitsPlugin(SUBGRAPH_QUERY_LIMITS)],
  };
}

export function formatGraphqlError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const invalid = invalidValueOf(error);
  if (invalid !== undefined) return describeInvalidValue(formatted, error as GraphQLError, invalid);
  const extensions = { ...(formatted.extensions ?? {}) };
  delete extensions['stacktrace'];
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = extensions['code'];
  // Unexpected failures are logged by the service; the caller sees a plain message.
  if ((code === 'INTERNAL_SERVER_ERROR' || code === undefined) && original && !(original instanceof GraphQLError)) {
    new Logger('graphql').error(`${formatted.path?.join('.') ?? 'request'}: ${original.stack ?? original.message}`);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...formatted, extensions };
}

/** The unreadable scalar behind an error, however graphql-js and Apollo wrapped it. */
function invalidValueOf(error: unknown): InvalidValueException | undefined {
  for (let cause = error; cause instanceof Error; cause = (cause as GraphQLError).originalError) {
    if (cause instanceof InvalidValueException) return cause;
    if (!(cause instanceof GraphQLError)) return undefined;
  }
  return undefined;
}

/**
 * A literal that is not a DateTime fails validation (GRAPHQL_VALIDATION_FAILED) and a variable
 * fails coercion, both without the argument. Either is the caller's input, so it is answered
 * as BAD_USER_INPUT naming the argument (and the variable), like a UserInputException.
 */
function describeInvalidValue(formatted: GraphQLFormattedError, error: GraphQLError, invalid: InvalidValueException): GraphQLFormattedError {
  const location = locateInputError(error);
  const fields = location?.fields ?? [];
  const where = fields.length > 0 ? `${fields.join(', ')}${location?.variable ? ` (variable $${location.variable})` : ''}: ` : '';
  return {
    message: `${where}${invalid.problem}`,
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: 'BAD_USER_INPUT', fields: fields.map((field) => ({ field, message: invalid.problem })) },
  };
}
