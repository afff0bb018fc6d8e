import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_HOST, DEFAULT_HTTP_BODY_LIMIT_BYTES, installTraceLogger, nestLogLevels, repoRoot, useJsonBody, useTraceResponse } from '@underpin/platform';
import type { GatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';

export interface RunningGateway {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The committed supergraph (`npm run graphql:compose` writes it from the subgraph SDL files). */
export function readSupergraph(root = repoRoot()): string {
  return readFileSync(join(root, 'apps', 'gateway', 'supergraph.graphql'), 'utf8');
}

/** Serves the federated GraphQL API at /graphql and the portal at /. */
export async function startGateway(config: GatewayConfig, options: { port: number; host?: string; logLevel?: 'error' | 'warn' | 'log' | 'debug' }): Promise<RunningGateway> {
  const root = repoRoot();
  // In the all-in-one process these levels are every service's too: the logger is shared.
  installTraceLogger();
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, readSupergraph(root)), {
    logger: nestLogLevels(options.logLevel ?? 'log'),
    abortOnError: false,
  });
  useTraceResponse(app);
  useJsonBody(app, config.httpBodyLimitBytes ?? DEFAULT_HTTP_BODY_LIMIT_BYTES);
  app.useStaticAssets(join(root, 'apps', 'portal', 'public'), { index: 'index.html' });
  if (config.notificationsUrl) mountStatusFeed(app, config.notificationsUrl);
  // No enableShutdownHooks: the host process stops its parts in order on a signal (services
  // before their bus and database); Nest's hook would close this app alone, then re-raise
  // the signal and end the process before the rest is stopped.
  const host = options.host ?? DEFAULT_HOST;
  await app.listen(options.port, host);
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  new Logger('gateway').log(`listening on ${url}`);
  return { app, url, close: () => app.close() };
}

/** The public status feed (JSON and RSS) lives in the notifications service; served here too. */
function mountStatusFeed(app: NestExpressApplication, notificationsUrl: string): void {
  const logger = new Logger('gateway');
  type Request = { url: string; protocol: string; headers: Record<string, string | string[] | undefined> };
  app.use('/status', async (req: Request, res: { status(code: number): { type(t: string): { send(body: string): void } } }) => {
    try {
      // The feed links to itself; readers reach it here, not at the notifications service.
      const host = req.headers['x-forwarded-host'] ?? req.headers.host;
      const proto = req.headers['x-forwarded-proto'] ?? req.protocol;
      const upstream = await fetch(`${notificationsUrl}/status${req.url}`, {
        headers: { ...(host ? { 'x-forwarded-host': String(host) } : {}), 'x-forwarded-proto': String(proto) },
      });
      res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'text/plain').send(await upstream.text());
    } catch (error) {
      logger.warn(`status feed unavailable: ${error instanceof Error ? error.message : String(error)}`);
      res.status(502).type('application/json').send(JSON.stringify({ error: 'status feed unavailable' }));
    }
  });
}
