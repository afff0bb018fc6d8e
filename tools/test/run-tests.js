#!/usr/bin/env node
'use strict';
// The runner behind `npm test`: Jest's `unit` project, then its `integration` project against a
// real Kafka broker started here (unless KAFKA_BROKERS names one) and always stopped again.
// Usage: node tools/test/run-tests.js [--phase=unit|integration] [jest args…]

const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PHASES = ['unit', 'integration'];

const say = (line) => process.stdout.write(`[test] ${line}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Splits the runner's own `--phase` option from the arguments meant for Jest. */
function parseRunnerArgs(argv) {
  const jestArgs = [];
  let phases = PHASES;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--phase' || arg.startsWith('--phase=')) {
      const value = arg === '--phase' ? argv[++i] : arg.slice('--phase='.length);
      if (!PHASES.includes(value)) {
        throw new Error(`--phase must be one of ${PHASES.join(', ')}, got "${value ?? ''}".`);
      }
      phases = [value];
    } else {
      jestArgs.push(arg);
    }
  }
  return { phases, jestArgs };
}

/** Jest's arguments for one phase; integration specs share one broker, so they run in band. */
function jestArgsFor(phase, jestArgs) {
  const args = ['--selectProjects', phase, '--passWithNoTests'];
  if (phase === 'integration') args.push('--runInBand');
  return [...args, ...jestArgs];
}

let currentChild;

function runJest(args, { env = process.env, capture = false } = {}) {
  const jest = require.resolve('jest/bin/jest', { paths: [REPO_ROOT] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jest, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    });
    currentChild = child;
    let stdout = '';
    if (capture) child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      currentChild = undefined;
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout });
    });
  });
}

/** Whether the integration phase would run anything, so a unit-only filter starts no broker. */
async function hasIntegrationTests(jestArgs) {
  if (jestArgs.length === 0) return true;
  const { code, stdout } = await runJest([...jestArgsFor('integration', jestArgs), '--listTests', '--json'], { capture: true });
  if (code !== 0) return true; // Let the real run report whatever went wrong.
  try {
    return JSON.parse(stdout.trim().split('\n').pop()).length > 0;
  } catch {
    return true;
  }
}

async function startKafka() {
  const { startTestBroker } = require('../kafka/broker');
  const startedAt = Date.now();
  const broker = await startTestBroker({ log: say });
  say(`Kafka ready at ${broker.brokers.join(',')} (${seconds(startedAt)})`);
  return broker;
}

async function main(argv) {
  const { phases, jestArgs } = parseRunnerArgs(argv);
  let exitCode = 0;
  let broker;
  let stopping;
  const stopBroker = () => (stopping ??= broker ? broker.stop().then(() => say('Kafka stopped')) : Promise.resolve());

  const onSignal = (signal) => {
    if (currentChild) {
      // Jest gets the signal too (same terminal), or from us when we were signalled alone;
      // the broker is stopped once it has exited.
      currentChild.kill(signal);
      return;
    }
    say(`${signal}: stopping`);
    stopBroker().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (phases.includes('integration') && !process.env.KAFKA_BROKERS) {
    // A missing Java should stop the run before the unit phase, not after it.
    require('../kafka/broker').ensureJava();
  }
  try {
    for (const phase of phases) {
      if (phase === 'integration') {
        if (!(await hasIntegrationTests(jestArgs))) {
          say('no integration specs match; skipping the integration phase');
          continue;
        }
        if (process.env.KAFKA_BROKERS) {
          say(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
        } else {
          broker = await startKafka();
        }
      }
      const startedAt = Date.now();
      say(`${phase} tests …`);
      const env = broker ? { ...process.env, KAFKA_BROKERS: broker.brokers.join(',') } : process.env;
      const { code } = await runJest(jestArgsFor(phase, jestArgs), { env });
      say(`${phase} tests ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${seconds(startedAt)}`);
      if (exitCode === 0) exitCode = code;
    }
  } finally {
    await stopBroker();
  }
  return exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      // Setup problems (no Java, no Maven, a busy port) carry a one-line instruction.
      console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

module.exports = { parseRunnerArgs, jestArgsFor };
