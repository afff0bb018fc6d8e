import { ConfigError } from '@underpin/platform';
import { SUBGRAPHS, type SubgraphName } from '../supergraph/subgraphs.constant';

export interface GatewayConfig {
  subgraphUrls: Record<SubgraphName, string>;
}

/** `SUBGRAPH_INCIDENTS_URL`, `SUBGRAPH_SLA_EVALUATION_URL`, … */
export function readGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const problems: string[] = [];
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    const key = `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;
    const url = env[key];
    if (!url) problems.push(`${key}: required (URL of the ${name} subgraph, e.g. http://${name}:3000/graphql)`);
    else if (!/^https?:\/\//.test(url)) problems.push(`${key}: expected an http(s) URL`);
    else urls[name] = url;
  }
  if (problems.length) throw new ConfigError(problems);
  return { subgraphUrls: urls };
}
