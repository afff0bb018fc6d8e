import {
  adjustSettings,
  ConfigException,
  defineSettings,
  gatherProblems,
  HTTP_SETTINGS,
  readHttpBodyLimit,
  readListenConfig,
  readLogLevel,
  settingValues,
  type AppEnvironment,
  type Env,
  type ListenConfig,
  type PlatformConfig,
} from '@underpin/platform';
import { readTelemetryConfig, TELEMETRY_SETTINGS, type TelemetryConfig } from '@underpin/telemetry';
import { SUBGRAPHS, type SubgraphName } from '../supergraph/subgraphs.constant';

export interface GatewayConfig {
  subgraphUrls: Record<SubgraphName, string>;
  /** Base URL of the notifications service, whose status feed the gateway serves at /status. */
  notificationsUrl?: string;
  /** HTTP_BODY_LIMIT: largest JSON body passed on (the subgraphs apply theirs too). */
  httpBodyLimitBytes?: number;
}

/** `SUBGRAPH_INCIDENTS_URL`, `SUBGRAPH_SLA_EVALUATION_URL`, … */
function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;
}

export const GATEWAY_SETTINGS = defineSettings('Gateway', [
  ...SUBGRAPHS.map((name) => ({
    name: subgraphUrlVariable(name),
    description: `URL of the ${name} subgraph.`,
    required: true,
    example: `http://${name}:3000/graphql`,
  })),
  {
    name: 'NOTIFICATIONS_URL',
    description: 'Base URL of the notifications service, whose status feed the gateway serves at `/status`; unset, it serves none.',
    example: 'http://notifications:3000',
  },
]);

/** The gateway listens where users reach the platform, on 4000 unless PORT says otherwise. */
export const GATEWAY_HTTP_SETTINGS = adjustSettings(HTTP_SETTINGS, { PORT: { default: '4000' } });

export function readGatewayConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const values = settingValues(env, GATEWAY_SETTINGS);
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    const key = subgraphUrlVariable(name);
    const url = values.raw(key);
    if (!url) problems.push(`${key}: required (URL of the ${name} subgraph, e.g. http://${name}:3000/graphql)`);
    else if (!/^https?:\/\//.test(url)) problems.push(`${key}: expected an http(s) URL`);
    else urls[name] = url;
  }
  const notificationsUrl = values.raw('NOTIFICATIONS_URL');
  if (notificationsUrl !== undefined && notificationsUrl !== '' && !/^https?:\/\//.test(notificationsUrl)) {
    problems.push('NOTIFICATIONS_URL: expected an http(s) URL');
  }
  const httpBodyLimitBytes = gatherProblems(problems, () => readHttpBodyLimit(env));
  if (problems.length) throw new ConfigException(problems);
  return { subgraphUrls: urls, ...(notificationsUrl ? { notificationsUrl } : {}), ...(httpBodyLimitBytes !== undefined ? { httpBodyLimitBytes } : {}) };
}

/** Everything the gateway's process reads, checked at once before it listens. */
export interface GatewayProcessConfig {
  gateway: GatewayConfig;
  listen: ListenConfig;
  logLevel: PlatformConfig['logLevel'];
  telemetry: TelemetryConfig;
}

export function readGatewayProcessConfig(env: Env): GatewayProcessConfig {
  const problems: string[] = [];
  const gateway = gatherProblems(problems, () => readGatewayConfig(env));
  const listen = gatherProblems(problems, () => readListenConfig(env, GATEWAY_HTTP_SETTINGS));
  const logLevel = gatherProblems(problems, () => readLogLevel(env));
  const telemetry = readTelemetryConfig(env, problems);
  if (problems.length > 0) throw new ConfigException(problems);
  return { gateway: gateway!, listen: listen!, logLevel: logLevel!, telemetry };
}

/** The settings of this process, from its environment. */
export function gatewayConfigFromProcess(): GatewayProcessConfig {
  return readGatewayProcessConfig(process.env);
}

/** What the gateway's process reads, for its `.env.example` and docs/configuration.md. */
export const GATEWAY_ENVIRONMENT: AppEnvironment = {
  app: 'gateway',
  groups: [GATEWAY_SETTINGS, GATEWAY_HTTP_SETTINGS, TELEMETRY_SETTINGS],
  read: readGatewayProcessConfig,
};
