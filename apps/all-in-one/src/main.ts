import { telemetry } from './tracing';
import { ConfigException } from '@underpin/platform';
import { startAllInOne, type AllInOne } from './all-in-one-host.util';
import { allInOneConfigFromProcess } from './config/all-in-one.config';
import { loadDemoIncidents } from './demo-data.util';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

async function main(): Promise<void> {
  // Every setting of every service, checked before anything starts.
  const config = allInOneConfigFromProcess();
  // Set once the start has finished; the signal handlers, installed before, read it.
  const started: { platform?: AllInOne } = {};
  let stopRequested = false;
  let stopping = false;
  const stop = async () => {
    const platform = started.platform;
    if (stopping || !platform) return;
    stopping = true;
    process.stdout.write('Stopping Underpin: the services, then PostgreSQL …\n');
    try {
      await platform.stop();
      await telemetry.shutdown();
    } catch (error) {
      process.stderr.write(`Underpin did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
    process.stdout.write('Underpin stopped.\n');
    process.exit(0);
  };
  // The embedded PostgreSQL runs in a process group of its own, out of reach of the terminal's
  // Ctrl-C: this process stops it, after the services. A signal during the start stops the
  // platform as soon as it is up (the services' start cannot be cut short cleanly); a second
  // one ends the process at once, taking the embedded server along.
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      if (started.platform) return void stop();
      if (stopRequested) process.exit(130);
      stopRequested = true;
      process.stdout.write('Stopping Underpin once its start has finished (again to stop at once) …\n');
    });
  }
  // Whatever ends the start, it must not end in silence with code 0.
  process.once('beforeExit', () => {
    if (started.platform) return;
    process.stderr.write('Underpin failed to start: the start ended without a running platform or an error\n');
    process.exitCode = 1;
  });

  const platform = (started.platform = await startAllInOne({ env: config.env, ...config.listen, dataDir: config.dataDir }));
  if (stopRequested) return stop();
  if (config.demo) {
    const incidents = platform.services.find((s) => s.name === 'incidents');
    if (incidents) await loadDemoIncidents(incidents.url);
  }
  const database = platform.embeddedDatabase ? `\n  PostgreSQL: 127.0.0.1:${platform.embeddedDatabase.port} (embedded, data in ${platform.embeddedDatabase.dataDir})` : '';
  const ingestion = platform.services.find((s) => s.name === 'metrics-ingestion');
  const samples = ingestion ? `\n  Ingestion: ${ingestion.url}/samples (API keys: underpin keys create --url ${ingestion.url} …)` : '';
  const token = config.generatedIngestionAdminToken ? `\n  Ingestion admin token: ${config.generatedIngestionAdminToken} (made for this run; set INGESTION_ADMIN_TOKEN to keep one)` : '';
  process.stdout.write(`\nUnderpin is running.\n  Portal:  ${platform.url}/\n  GraphQL: ${platform.url}/graphql${samples}${token}${database}\n\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigException ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`Underpin failed to start: ${message}\n`);
  process.exit(1);
});
