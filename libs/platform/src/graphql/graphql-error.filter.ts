import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors the caller caused (bad input, invalid transitions) go back as they are; Nest would
 * otherwise log each with a stack trace as if the service had failed.
 */
@Catch(GraphQLError)
export class GraphqlErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError, _host: ArgumentsHost): GraphQLError {
    return exception;
  }
}
