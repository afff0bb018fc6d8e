import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startGateway, type RunningGateway, type SubgraphName } from '@underpin/app-gateway';
import { InProcessEventBusService } from '@underpin/messaging';
import {
  ensureDatabase,
  nestMessagingLogger,
  repoRoot,
  startEmbeddedPostgres,
  startService,
  type EmbeddedPostgres,
  type Env,
  type PlatformConfig,
  type RunningService,
  type ServiceRuntime,
} from '@underpin/platform';
import { SERVICES } from './services.constant';
import { readHostedServices } from './config/all-in-one.config';

export interface AllInOneOptions {
  /** What the platform's and every service's settings are read from, all checked before anything starts. */
  env: Env;
  port: number;
  host?: string;
  now?: () => number;
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  dataDir?: string;
}

/** Where the embedded PostgreSQL runs, when DATABASE_URL is not set. */
export interface EmbeddedDatabase {
  port: number;
  dataDir: string;
}

export interface PlatformServices {
  config: PlatformConfig;
  services: RunningService[];
  embeddedDatabase?: EmbeddedDatabase;
  stop(): Promise<void>;
}

export interface AllInOne {
  url: string;
  config: PlatformConfig;
  services: RunningService[];
  gateway: RunningGateway;
  embeddedDatabase?: EmbeddedDatabase;
  stop(): Promise<void>;
}

/**
 * Every service module in one process, on one in-process bus with Kafka's delivery contract,
 * behind the gateway. PostgreSQL comes from DATABASE_URL, or an embedded server is started.
 */
export async function startAllInOne(options: AllInOneOptions): Promise<AllInOne> {
  const platform = await startServices(options);
  try {
    const subgraphUrls = Object.fromEntries(
      platform.services.filter((s) => SERVICES.find((d) => d.name === s.name)?.subgraph).map((s) => [s.name, `${s.url}/graphql`]),
    ) as Record<SubgraphName, string>;
    const gateway = await startGateway({ subgraphUrls, notificationsUrl: platform.services.find((s) => s.name === 'notifications')?.url, httpBodyLimitBytes: platform.config.httpBodyLimitBytes }, { port: options.port, host: options.host, logLevel: platform.config.logLevel });
    return {
      url: gateway.url,
      config: platform.config,
      services: platform.services,
      gateway,
      ...(platform.embeddedDatabase ? { embeddedDatabase: platform.embeddedDatabase } : {}),
      stop: async () => {
        await gateway.close();
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop().catch(() => undefined);
    throw error;
  }
}

/** The services alone, each on a free loopback port, sharing one in-process bus. */
export async function startServices(options: Omit<AllInOneOptions, 'port' | 'host'>): Promise<PlatformServices> {
  const logger = new Logger('all-in-one');
  const hosted = readHostedServices(options.env);
  let embedded: EmbeddedPostgres | undefined;
  let embeddedDatabase: EmbeddedDatabase | undefined;
  let databaseUrl = hosted.databaseUrl;
  if (!databaseUrl) {
    const dataDir = options.dataDir ?? join(repoRoot(), '.data', 'postgres');
    logger.log(`DATABASE_URL not set: starting embedded PostgreSQL (data in ${dataDir})`);
    embedded = await startEmbeddedPostgres({ dataDir, ...(hosted.embeddedPgPort ? { port: hosted.embeddedPgPort } : {}) });
    embeddedDatabase = { port: embedded.port, dataDir };
    try {
      databaseUrl = await ensureDatabase(embedded.adminUrl, 'underpin');
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  const bus = new InProcessEventBusService({ logger: nestMessagingLogger(new Logger('bus')) });
  const runtime: ServiceRuntime = { config: { ...hosted.platform, databaseUrl, bus: 'in-process' }, bus, now: options.now ?? Date.now };

  const services: RunningService[] = [];
  const stop = async () => {
    for (const service of [...services].reverse()) await service.close();
    await bus.stop();
    await embedded?.stop();
  };
  try {
    await bus.start();
    for (const definition of hosted.services) services.push(await startService(definition, runtime, { port: 0 }));
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { config: runtime.config, services, ...(embeddedDatabase ? { embeddedDatabase } : {}), stop };
}
