import { Logger } from '@nestjs/common';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

type Response = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** The errors a subgraph answered with a non-2xx status (400 for input it cannot take). */
class SubgraphErrorsException extends GraphQLError {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super('the subgraph answered with errors');
  }
}

function isGraphqlErrorBody(body: unknown): body is { errors: GraphQLFormattedError[] } {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors) || body.errors.length === 0) return false;
  return body.errors.every((error: unknown) => typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string');
}

/**
 * A subgraph as the gateway calls it. Apollo's data source turns any non-2xx answer into
 * "400: Bad Request" with the subgraph's URL and whole body in `extensions`, and a refused
 * connection into a message with the URL. Here a subgraph that answered GraphQL errors (a
 * bad DateTime argument answers 400) has them passed on as its answer, with their codes
 * and messages, and any other failure is logged with its detail and reported as the
 * service being unavailable, naming the service and nothing of where it runs.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  private readonly logger = new Logger('gateway');

  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<Record<string, unknown>>): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof SubgraphErrorsException) return { errors: error.errors };
      this.logger.warn(`${this.subgraph} subgraph: ${error instanceof Error ? error.message : String(error)}`);
      throw new GraphQLError(`the ${this.subgraph} service is unavailable`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
  }

  override async errorFromResponse(response: Response): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    if (isGraphqlErrorBody(body)) return new SubgraphErrorsException(body.errors);
    return new GraphQLError(`HTTP ${response.status} ${response.statusText} from ${response.url}`);
  }
}
