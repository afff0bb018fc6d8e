import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { GATEWAY_QUERY_LIMITS, HEALTH_CHECKS, HealthController, queryLimitsPlugin } from '@underpin/platform';
import type { GatewayConfig } from './config/gateway.config';
import { formatGatewayError } from './errors/gateway-errors.util';
import { SubgraphDataSource } from './errors/subgraph-data-source.util';
import type { SubgraphName } from './supergraph/subgraphs.constant';

@Module({})
export class GatewayModule {
  /** One GraphQL endpoint over every service's subgraph. */
  static forRoot(config: GatewayConfig, supergraphSdl: string): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          server: {
            includeStacktraceInErrorResponses: false,
            formatError: formatGatewayError,
            // Refused here, a runaway query never reaches a subgraph, nor fills the gateway with its answer.
            plugins: [queryLimitsPlugin(GATEWAY_QUERY_LIMITS)],
          },
          gateway: {
            supergraphSdl,
            buildService: ({ name }) => new SubgraphDataSource(name, config.subgraphUrls[name as SubgraphName]),
          },
        }),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          useValue: Object.entries(config.subgraphUrls).map(([name, url]) => ({
            name: `subgraph:${name}`,
            probe: async () => {
              const res = await fetch(url.replace(/\/graphql$/, '/health'));
              if (!res.ok) throw new Error(`HTTP ${res.status}`);
            },
          })),
        },
      ],
    };
  }
}
