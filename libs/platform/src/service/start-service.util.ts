import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useJsonBody } from '../http/json-body.util';
import { useTraceResponse } from '../http/trace-response.util';
import { installTraceLogger, nestLogLevels } from '../logging/trace-logger.service';
import { DEFAULT_HOST } from '../config/platform-settings.constant';
import type { ServiceDefinition } from './service-definition.type';
import type { ServiceRuntime } from './service-runtime.type';

export interface RunningService {
  name: string;
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Boots one service's Nest application and listens; port 0 picks a free port. */
export async function startService(
  definition: ServiceDefinition,
  runtime: ServiceRuntime,
  options: { port: number; host?: string },
): Promise<RunningService> {
  installTraceLogger();
  const app = await NestFactory.create<NestExpressApplication>(definition.module(runtime), { logger: nestLogLevels(runtime.config.logLevel), abortOnError: false });
  useTraceResponse(app);
  useJsonBody(app, runtime.config.httpBodyLimitBytes, definition.streamedBodyPaths);
  // No enableShutdownHooks: the host process stops its parts in order on a signal (services
  // before their bus and database); Nest's hook would close this app alone, then re-raise
  // the signal and end the process before the rest is stopped.
  const host = options.host ?? DEFAULT_HOST;
  await app.listen(options.port, host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  new Logger(definition.name).log(`listening on ${url}`);
  return { name: definition.name, app, url, close: () => app.close() };
}
