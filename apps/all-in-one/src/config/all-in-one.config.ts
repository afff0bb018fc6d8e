import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { METRICS_INGESTION_SETTINGS } from '@underpin/app-metrics-ingestion';
import { OLA_CHAINING_SETTINGS, olaChainingServiceWith, readOlaChainingConfig } from '@underpin/app-ola-chaining';
import {
  adjustSettings,
  ConfigException,
  defineSettings,
  gatherProblems,
  HTTP_SETTINGS,
  PLATFORM_SETTINGS,
  readListenConfig,
  readPlatformConfig,
  readPort,
  repoRoot,
  settingValues,
  type AppEnvironment,
  type Env,
  type ListenConfig,
  type PlatformConfig,
  type ServiceDefinition,
} from '@underpin/platform';
import { readTelemetryConfig, TELEMETRY_SETTINGS, type TelemetryConfig } from '@underpin/telemetry';
import { SERVICES } from '../services.constant';

/** What only the all-in-one reads: its embedded PostgreSQL and its demo. */
export const ALL_IN_ONE_SETTINGS = defineSettings('All-in-one', [
  {
    name: 'UNDERPIN_DATA_DIR',
    description: 'Where the embedded PostgreSQL keeps its data when `DATABASE_URL` is not set (the default is in the repository).',
    default: '.data/postgres',
  },
  {
    name: 'UNDERPIN_EMBEDDED_PG_PORT',
    description: "The embedded PostgreSQL's port; `0`, the port its data folder was set up with while that is free, else a free one.",
    default: '0',
  },
  { name: 'UNDERPIN_DEMO', description: '`off` skips loading the demo incidents at start.', default: 'on' },
]);

/** Without DATABASE_URL the all-in-one starts PostgreSQL itself; its bus is the in-process one. */
const PLATFORM = adjustSettings(PLATFORM_SETTINGS, { DATABASE_URL: { required: false }, UNDERPIN_BUS: { default: 'in-process' } });
/** It serves the gateway where users reach it, and logs only what needs attention. */
const HTTP = adjustSettings(HTTP_SETTINGS, { PORT: { default: '4000' }, LOG_LEVEL: { default: 'warn' } });
/** It publishes the demo catalogue at boot unless told otherwise (empty: none). */
const OLA_CHAINING = adjustSettings(OLA_CHAINING_SETTINGS, { UNDERPIN_CATALOG: { default: 'examples/meetings/catalog.yaml' } });

/** Generated at each start when unset (main prints it), so the key admin API is never open. */
const METRICS_INGESTION = adjustSettings(METRICS_INGESTION_SETTINGS, { INGESTION_ADMIN_TOKEN: { required: false } });

/** Stands in for the embedded server's URL while the settings are checked, before it is started. */
const EMBEDDED_DATABASE_STAND_IN = 'postgres://127.0.0.1/underpin';

/** The services of one all-in-one process, each configured, checked before any of them starts. */
export interface HostedServices {
  platform: PlatformConfig;
  /** DATABASE_URL; absent, an embedded server is started. */
  databaseUrl?: string;
  /** UNDERPIN_EMBEDDED_PG_PORT; absent, the data folder's port while free, else a free one. */
  embeddedPgPort?: number;
  services: ServiceDefinition[];
  /** The services' own settings as read, by service. */
  values: Record<string, unknown>;
}

export function readHostedServices(env: Env): HostedServices {
  const problems: string[] = [];
  const databaseUrl = settingValues(env, PLATFORM).raw('DATABASE_URL') || undefined;
  const http = settingValues(env, HTTP);
  const platform = gatherProblems(problems, () =>
    readPlatformConfig(env, { databaseUrl: databaseUrl ?? EMBEDDED_DATABASE_STAND_IN, bus: 'in-process', logLevel: http.fallback('LOG_LEVEL') as PlatformConfig['logLevel'] }),
  );
  const own = settingValues(env, ALL_IN_ONE_SETTINGS);
  const embeddedPort = databaseUrl ? undefined : gatherProblems(problems, () => readPort(env, 'UNDERPIN_EMBEDDED_PG_PORT', Number(own.fallback('UNDERPIN_EMBEDDED_PG_PORT'))));
  const services: ServiceDefinition[] = [];
  const values: Record<string, unknown> = {};
  // ola-chaining starts last: it announces the catalogue at boot, and the in-process bus keeps
  // no history for consumer groups that join after a publication.
  for (const definition of [...SERVICES.filter((d) => d.name !== 'ola-chaining'), ...SERVICES.filter((d) => d.name === 'ola-chaining')]) {
    const configured = definition.name === 'ola-chaining' ? olaChainingOf(env) : gatherProblems(problems, () => definition.settings?.read(env, platform));
    if (configured === undefined && definition.settings) continue;
    services.push(configured?.service ?? definition);
    if (configured) values[definition.name] = configured.values;
  }
  if (problems.length > 0) throw new ConfigException(problems);
  return { platform: platform!, ...(databaseUrl ? { databaseUrl } : {}), ...(embeddedPort ? { embeddedPgPort: embeddedPort } : {}), services, values };
}

/**
 * ola-chaining with the catalogue it publishes at boot: UNDERPIN_CATALOG, else the demo
 * catalogue; a relative path is taken from where the process runs, the demo's from the repository.
 */
function olaChainingOf(env: Env): { values: unknown; service: ServiceDefinition } {
  const values = settingValues(env, OLA_CHAINING);
  const raw = values.raw('UNDERPIN_CATALOG');
  const path = raw === undefined ? resolve(repoRoot(), values.fallback('UNDERPIN_CATALOG')) : raw.trim() === '' ? '' : resolve(raw.trim());
  const config = readOlaChainingConfig({ UNDERPIN_CATALOG: path });
  return { values: config, service: olaChainingServiceWith(config) };
}

/** Everything the all-in-one process reads, checked at once before it starts anything. */
export interface AllInOneConfig {
  hosted: HostedServices;
  listen: ListenConfig;
  dataDir: string;
  demo: boolean;
  telemetry: TelemetryConfig;
  /** What the services were configured from; notifications reads the catalogue's webhook key variables in it. */
  env: Env;
  /** The key admin API's token when INGESTION_ADMIN_TOKEN was unset: made for this run, to be printed. */
  generatedIngestionAdminToken?: string;
}

export function readAllInOneConfig(env: Env): AllInOneConfig {
  const problems: string[] = [];
  const hosted = gatherProblems(problems, () => readHostedServices(env));
  const listen = gatherProblems(problems, () => readListenConfig(env, HTTP));
  const own = settingValues(env, ALL_IN_ONE_SETTINGS);
  const dataDir = own.raw('UNDERPIN_DATA_DIR') ? resolve(own.raw('UNDERPIN_DATA_DIR')!) : resolve(repoRoot(), own.fallback('UNDERPIN_DATA_DIR'));
  const demo = (own.raw('UNDERPIN_DEMO') || own.fallback('UNDERPIN_DEMO')).trim();
  if (demo !== 'on' && demo !== 'off') problems.push(`UNDERPIN_DEMO: expected "on" or "off", got "${demo}"`);
  const telemetry = readTelemetryConfig(env, problems);
  if (problems.length > 0) throw new ConfigException(problems);
  return { hosted: hosted!, listen: listen!, dataDir, demo: demo === 'on', telemetry, env };
}

/** The settings of this process, from its environment. */
export function allInOneConfigFromProcess(): AllInOneConfig {
  if (process.env['INGESTION_ADMIN_TOKEN']?.trim()) return readAllInOneConfig(process.env);
  const token = randomBytes(32).toString('hex');
  return { ...readAllInOneConfig({ ...process.env, INGESTION_ADMIN_TOKEN: token }), generatedIngestionAdminToken: token };
}

/** What the all-in-one process reads, for its `.env.example` and docs/configuration.md. */
export const ALL_IN_ONE_ENVIRONMENT: AppEnvironment = {
  app: 'all-in-one',
  groups: [
    ALL_IN_ONE_SETTINGS,
    PLATFORM,
    HTTP,
    TELEMETRY_SETTINGS,
    ...SERVICES.flatMap((definition) =>
      definition.name === 'ola-chaining' ? [OLA_CHAINING] : definition.name === 'metrics-ingestion' ? [METRICS_INGESTION] : (definition.settings?.groups ?? []),
    ),
  ],
  read: (env) => {
    const { hosted, env: _env, ...rest } = readAllInOneConfig(env);
    const { services: _services, ...values } = hosted;
    return { ...rest, hosted: values };
  },
};
