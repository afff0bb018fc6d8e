#!/usr/bin/env node
'use strict';
// Local development broker: `node tools/kafka/kafka.js fetch|start|stop|status [options]`.
// `start` leaves the broker running in the background and records it under .cache/kafka/run/.

const fs = require('node:fs');
const path = require('node:path');
const {
  DEFAULT_KAFKA_VERSION,
  ensureKafkaJars,
  kafkaCacheRoot,
  kafkaAnswers,
  processAlive,
  startBroker,
  stopPid,
} = require('./broker');

const USAGE = `Usage: node tools/kafka/kafka.js <command> [options]

Commands:
  fetch    download the Kafka jars into .cache/kafka/<version>/libs (once; later runs are offline)
  start    start a broker in the background and print its bootstrap address
  stop     stop the broker that 'start' started
  status   tell whether that broker is running and answering (exit code 1 when not)

Options:
  --version <x.y.z>        Kafka version (default ${DEFAULT_KAFKA_VERSION})
  --port <n>               client port (default 9092)
  --controller-port <n>    KRaft controller port (default 9093)
  --data-dir <dir>         broker data (default .cache/kafka/data); kept between starts
  --fresh                  wipe the data dir before starting
  --heap-mb <n>            JVM heap limit in MiB (default 512)`;

const runDir = () => path.join(kafkaCacheRoot(), 'run');
const pidFile = () => path.join(runDir(), 'broker.pid');
const stateFile = () => path.join(runDir(), 'broker.json');

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  const numeric = new Set(['port', 'controller-port', 'heap-mb']);
  const known = new Set(['version', 'data-dir', 'fresh', ...numeric]);
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}".\n\n${USAGE}`);
    const [rawName, inline] = arg.slice(2).split('=', 2);
    if (!known.has(rawName)) throw new Error(`Unknown option --${rawName}.\n\n${USAGE}`);
    if (rawName === 'fresh') {
      options.fresh = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined) throw new Error(`Option --${rawName} needs a value.`);
    if (numeric.has(rawName)) {
      const number = Number(value);
      if (!Number.isInteger(number) || number <= 0 || number > 65535) {
        throw new Error(`Option --${rawName} must be a positive whole number, got "${value}".`);
      }
      options[rawName] = number;
    } else {
      options[rawName] = value;
    }
  }
  return { command, options };
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(stateFile(), 'utf8'));
  } catch {
    return undefined;
  }
}

function clearState() {
  fs.rmSync(pidFile(), { force: true });
  fs.rmSync(stateFile(), { force: true });
}

/** Guards against signalling an unrelated process that reused a stale pid. */
function isKafkaProcess(pid) {
  if (!processAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return true; // No /proc (e.g. macOS): trust the pid file.
  }
}

const rel = (file) => path.relative(process.cwd(), file) || file;

async function fetch(options) {
  const version = options.version ?? DEFAULT_KAFKA_VERSION;
  const startedAt = Date.now();
  const libs = ensureKafkaJars({ version, log: (line) => console.log(`[kafka] ${line}`) });
  const jars = fs.readdirSync(libs).filter((name) => name.endsWith('.jar')).length;
  console.log(`[kafka] Kafka ${version}: ${jars} jars ready in ${rel(libs)} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

async function start(options) {
  const running = readState();
  if (running && isKafkaProcess(running.pid)) {
    console.log(`[kafka] already running (pid ${running.pid}): ${running.brokers.join(',')}`);
    return;
  }
  clearState();
  const dataDir = path.resolve(options['data-dir'] ?? path.join(kafkaCacheRoot(), 'data'));
  if (options.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(runDir(), { recursive: true });
  const logFile = path.join(runDir(), 'broker.log');
  const version = options.version ?? DEFAULT_KAFKA_VERSION;
  console.log(`[kafka] starting Kafka ${version} (data ${rel(dataDir)}, log ${rel(logFile)})`);
  const handle = await startBroker({
    version,
    port: options.port ?? 9092,
    controllerPort: options['controller-port'] ?? 9093,
    heapMb: options['heap-mb'] ?? 512,
    dataDir,
    logFile,
    detached: true,
    log: (line) => console.log(`[kafka] ${line}`),
  });
  const { brokers, pid, port, controllerPort } = handle;
  fs.writeFileSync(pidFile(), `${pid}\n`);
  fs.writeFileSync(
    stateFile(),
    `${JSON.stringify({ pid, brokers, port, controllerPort, version, dataDir, logFile, startedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(`[kafka] ready in ${(handle.readyMs / 1000).toFixed(1)} s (pid ${pid})`);
  console.log(`KAFKA_BROKERS=${brokers.join(',')}`);
}

async function stop() {
  const state = readState();
  if (!state) {
    console.log('[kafka] no broker started by kafka.js is recorded; nothing to stop');
    return;
  }
  if (isKafkaProcess(state.pid)) {
    await stopPid(state.pid);
    console.log(`[kafka] stopped (pid ${state.pid})`);
  } else {
    console.log(`[kafka] pid ${state.pid} was no longer running; cleared its record`);
  }
  clearState();
}

async function status() {
  const state = readState();
  if (!state || !isKafkaProcess(state.pid)) {
    console.log('[kafka] not running');
    return 1;
  }
  if (!(await kafkaAnswers(state.brokers))) {
    console.log(`[kafka] pid ${state.pid} is running but does not answer on ${state.brokers.join(',')}; see ${rel(state.logFile)}`);
    return 1;
  }
  console.log(`[kafka] running (pid ${state.pid}, Kafka ${state.version}): KAFKA_BROKERS=${state.brokers.join(',')}`);
  return 0;
}

async function main(argv) {
  const { command, options } = parseArgs(argv);
  switch (command) {
    case 'fetch':
      await fetch(options);
      return 0;
    case 'start':
      await start(options);
      return 0;
    case 'stop':
      await stop();
      return 0;
    case 'status':
      return status();
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}

module.exports = { main, parseArgs };
