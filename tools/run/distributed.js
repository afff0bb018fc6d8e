'use strict';
// `npm run dev:distributed`: every service as its own process on Kafka and PostgreSQL, the
// way production runs them, on one machine. Uses KAFKA_BROKERS / DATABASE_URL when set;
// otherwise a local broker (started and kept in .cache/kafka, like `npm run kafka -- start`)
// and the PostgreSQL server on 127.0.0.1:5432. A service that exits is started again (see
// supervisor.js); Ctrl-C stops the gateway, then the services, then the broker started here.
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Client } = require('pg');
const { kafkaAnswers, startBroker } = require('../kafka/broker');
const { Supervisor, SupervisorStoppedException, stopOnSignals } = require('./supervisor');

const root = path.resolve(__dirname, '..', '..');
const SERVICES = ['incidents', 'metrics-ingestion', 'sla-evaluation', 'ola-chaining', 'credits', 'notifications'];
const BASE_PORT = Number(process.env.UNDERPIN_BASE_PORT || 4001);

function log(line) {
  process.stdout.write(`[dev] ${line}\n`);
}

async function ensureKafka() {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS };
  if (await kafkaAnswers(['127.0.0.1:9092'])) {
    log('using the Kafka broker already running on 127.0.0.1:9092');
    return { brokers: '127.0.0.1:9092' };
  }
  log('starting Kafka on 127.0.0.1:9092 (data in .cache/kafka/dev) …');
  // In a process group of its own, like the services, so that a Ctrl-C does not stop it under
  // services still closing; hence stopped here when this process ends without stop().
  const broker = await startBroker({ dataDir: path.join(root, '.cache', 'kafka', 'dev'), logFile: path.join(root, '.cache', 'kafka', 'dev.log'), detached: true });
  const killOnExit = () => {
    try {
      process.kill(broker.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  return {
    brokers: broker.brokers.join(','),
    stop: async () => {
      await broker.stop();
      process.removeListener('exit', killOnExit);
    },
  };
}

async function ensureDatabase() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`no DATABASE_URL and no PostgreSQL on 127.0.0.1:5432 (${error.message}); set DATABASE_URL or use npm start (embedded)`);
  }
  const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'underpin_dev'`);
  if (found.rowCount === 0) await admin.query('CREATE DATABASE underpin_dev');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/underpin_dev';
}

function serviceSpec(name, env) {
  return {
    name,
    command: process.execPath,
    args: ['-r', path.join(root, 'tools/runtime/register-aliases.js'), path.join(root, 'dist/apps', name, 'src/main.js')],
    env: { ...process.env, ...env },
    ready: (child) => waitHealthy(name, `http://127.0.0.1:${env.PORT}`, child),
  };
}

async function waitHealthy(name, url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was healthy`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become healthy at ${url}/health within ${timeoutMs / 1000} s`);
}

async function main() {
  const supervisor = new Supervisor({ log });
  const kafkaStarting = ensureKafka();
  // Services first (the last started first), then the broker they were using, even when the
  // signal comes while it is still starting.
  const stop = async () => {
    await supervisor.stop();
    const started = await kafkaStarting.catch(() => undefined);
    await started?.stop?.();
  };
  stopOnSignals(stop, { log, kill: () => supervisor.killAll() });

  const kafka = await kafkaStarting;
  const databaseUrl = await ensureDatabase();
  const { SUBGRAPHS } = require(path.join(root, 'dist/apps/gateway/src/supergraph/subgraphs.constant.js'));
  const common = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers,
    UNDERPIN_BUS: 'kafka',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    UNDERPIN_CATALOG: process.env.UNDERPIN_CATALOG ?? path.join(root, 'examples/meetings/catalog.yaml'),
  };
  // The key admin API is never open: without a token given, one is made for this run and printed.
  const generatedToken = process.env.INGESTION_ADMIN_TOKEN ? undefined : randomBytes(32).toString('hex');
  if (generatedToken) common.INGESTION_ADMIN_TOKEN = generatedToken;
  const urls = {};
  try {
    for (const [i, name] of SERVICES.entries()) {
      const port = BASE_PORT + i;
      urls[name] = `http://127.0.0.1:${port}`;
      await supervisor.start(serviceSpec(name, { ...common, PORT: String(port) }));
      log(`${name} ready at ${urls[name]}`);
    }
    const gatewayEnv = { LOG_LEVEL: common.LOG_LEVEL, PORT: process.env.PORT || '4000', NOTIFICATIONS_URL: urls.notifications };
    for (const name of SUBGRAPHS) gatewayEnv[`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`] = `${urls[name]}/graphql`;
    await supervisor.start(serviceSpec('gateway', gatewayEnv));
    const gatewayUrl = `http://127.0.0.1:${gatewayEnv.PORT}`;
    const ingestion = urls['metrics-ingestion'];
    const token = generatedToken ? `\n  Ingestion admin token: ${generatedToken} (made for this run; set INGESTION_ADMIN_TOKEN to keep one)` : '';
    process.stdout.write(
      `\nUnderpin (distributed) is running.\n  Portal:  ${gatewayUrl}/\n  GraphQL: ${gatewayUrl}/graphql\n  Ingestion: ${ingestion}/samples (API keys: underpin keys create --url ${ingestion} …)${token}\n\n`,
    );
  } catch (error) {
    // A signal during the start stops everything on its own.
    if (error instanceof SupervisorStoppedException) return;
    log(error.message);
    await stop();
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`[dev] ${error.message}\n`);
  process.exit(1);
});
