import { ConfigError, readHttpBodyLimit } from '@underpin/platform';
import { SUBGRAPHS, type SubgraphName } from '../supergraph/subgraphs.constant';

export interface GatewayConfig {
  subgraphUrls: Record<SubgraphName, string>;
  /** Base URL of the notifications service, whose status feed the gateway serves at /status. */
  notificationsUrl?: string;
  /** HTTP_BODY_LIMIT: largest JSON body passed on (the subgraphs apply theirs too). */
  httpBodyLimitBytes?: number;
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
  const notificationsUrl = env['NOTIFICATIONS_URL'];
  if (notificationsUrl !== undefined && notificationsUrl !== '' && !/^https?:\/\//.test(notificationsUrl)) {
    problems.push('NOTIFICATIONS_URL: expected an http(s) URL');
  }
  let httpBodyLimitBytes: number | undefined;
  try {
    httpBodyLimitBytes = readHttpBodyLimit(env);
  } catch (error) {
    problems.push(...(error as ConfigError).problems);
  }
  if (problems.length) throw new ConfigError(problems);
  return { subgraphUrls: urls, ...(notificationsUrl ? { notificationsUrl } : {}), ...(httpBodyLimitBytes !== undefined ? { httpBodyLimitBytes } : {}) };
}
