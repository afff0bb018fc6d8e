'use strict';
// Starts and stops a real single-node Apache Kafka broker (KRaft, broker and controller in one
// JVM) from the jars cached by runtime.js, for tests, CI and local development.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
  DEFAULT_KAFKA_VERSION,
  KafkaSetupException,
  ensureJava,
  ensureKafkaJars,
} = require('./runtime');
const { findFreePort, isListening, kafkaAnswers, pickBrokerPorts, probeBroker, sleep } = require('./net');
const { brokerFailure, processAlive, runJava, stopPid, tailOfFile } = require('./process');

const LOG4J_CONFIG = path.join(__dirname, 'log4j.properties');

class BrokerAlreadyRunningException extends KafkaSetupException {
  constructor(brokers) {
    super(
      `A Kafka broker already answers on ${brokers.join(',')}: use it (KAFKA_BROKERS=${brokers.join(',')}) ` +
        'or stop it (node tools/kafka/kafka.js stop) before starting another on that port.',
    );
    this.name = 'BrokerAlreadyRunningException';
    this.brokers = brokers;
  }
}

/** The combined-mode configuration; everything not set here keeps Kafka's default. */
function renderServerProperties({ host, port, controllerPort, logDirs }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    // Topics are created explicitly by the code that owns them; a typo must not invent one.
    'auto.create.topics.enable=false',
    'num.partitions=1',
    // One node: internal topics cannot be replicated, and few partitions keep first use quick.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    // Tests join groups constantly; the default 3 s wait for more members only slows them.
    'group.initial.rebalance.delay.ms=0',
    // Two shared cores: the defaults (3 network, 8 I/O threads) buy nothing here.
    'num.network.threads=2',
    'num.io.threads=2',
    '',
  ].join('\n');
}

function javaOptions({ heapMb, logFile }) {
  return [
    `-Xmx${heapMb}m`,
    `-Xms${Math.min(heapMb, 128)}m`,
    // Serial GC and C1-only compilation start faster and take less CPU than the server defaults;
    // a development broker never carries the load that would repay them.
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${LOG4J_CONFIG}`,
    `-Dkafka.log.file=${logFile}`,
  ];
}

function readClusterId(logDirs) {
  try {
    const meta = fs.readFileSync(path.join(logDirs, 'meta.properties'), 'utf8');
    return /^cluster\.id=(.+)$/m.exec(meta)?.[1].trim();
  } catch {
    return undefined;
  }
}

/** Formats new storage with a fresh cluster id; returns the id the storage carries. */
async function formatStorage({ java, libs, propertiesFile, logDirs, logFile }) {
  const existing = readClusterId(logDirs);
  if (existing) return existing;
  const tool = ['-Xmx256m', '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${LOG4J_CONFIG}`, `-Dkafka.log.file=${logFile}`, '-cp', path.join(libs, '*'), 'kafka.tools.StorageTool'];
  const uuid = await runJava(java, [...tool, 'random-uuid']);
  const clusterId = uuid.stdout.trim().split('\n').pop();
  if (uuid.status !== 0 || !clusterId) {
    throw brokerFailure(`kafka-storage random-uuid failed (exit code ${uuid.status}): ${uuid.stderr}`, logFile);
  }
  const format = await runJava(java, [...tool, 'format', '-t', clusterId, '-c', propertiesFile]);
  if (format.status !== 0) {
    throw brokerFailure(`kafka-storage format failed (exit code ${format.status}): ${format.stdout}${format.stderr}`, logFile);
  }
  return clusterId;
}

async function assertPortsFree(host, port, controllerPort) {
  if (await isListening(port, host)) {
    const brokers = [`${host}:${port}`];
    if (await kafkaAnswers(brokers)) throw new BrokerAlreadyRunningException(brokers);
    throw new KafkaSetupException(`Port ${port} on ${host} is taken by a program that is not a Kafka broker: choose another port.`);
  }
  if (await isListening(controllerPort, host)) {
    throw new KafkaSetupException(`Controller port ${controllerPort} on ${host} is already in use: choose another controller port.`);
  }
}

/**
 * Starts a broker and resolves once an admin client can list its topics. See broker.d.ts for
 * the options and the returned handle.
 */
async function startBroker(options = {}) {
  const {
    version = DEFAULT_KAFKA_VERSION,
    host = '127.0.0.1',
    port = 9092,
    controllerPort = 9093,
    heapMb = 512,
    readyTimeoutMs = 90_000,
    stopTimeoutMs = 30_000,
    detached = false,
    cacheRoot,
    log = () => {},
  } = options;
  for (const [name, value] of [['port', port], ['controllerPort', controllerPort]]) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new KafkaSetupException(`startBroker: ${name} must be a whole number from 1 to 65535, got ${value}.`);
    }
  }
  if (port === controllerPort) {
    throw new KafkaSetupException(`startBroker: port and controllerPort must differ, both are ${port}.`);
  }
  const java = ensureJava();
  const libs = ensureKafkaJars({ version, cacheRoot, log });
  await assertPortsFree(host, port, controllerPort);

  const ephemeral = options.dataDir === undefined;
  const dataDir = ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'underpin-kafka-')) : path.resolve(options.dataDir);
  const logDirs = path.join(dataDir, 'kraft-logs');
  const logFile = path.resolve(options.logFile ?? path.join(dataDir, 'broker.log'));
  const propertiesFile = path.join(dataDir, 'server.properties');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(propertiesFile, renderServerProperties({ host, port, controllerPort, logDirs }));

  const brokers = [`${host}:${port}`];
  let clusterId;
  let child;
  let exited = Promise.resolve();
  // Kills a broker we own if this Node process ends without stopping it (a crash, process.exit).
  const killOnExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };

  const launch = () => {
    const out = fs.openSync(logFile, 'a');
    try {
      child = spawn(java, [...javaOptions({ heapMb, logFile }), '-cp', path.join(libs, '*'), 'kafka.Kafka', propertiesFile], {
        cwd: dataDir,
        detached,
        stdio: ['ignore', out, out],
      });
    } finally {
      fs.closeSync(out);
    }
    const current = child;
    exited = new Promise((resolve) => current.once('exit', (code, signal) => resolve({ code, signal })));
    // The handle, not this child, decides how long the caller's process lives.
    current.unref();
    if (!detached) process.on('exit', killOnExit);
  };

  const waitUntilReady = async () => {
    const startedAt = Date.now();
    let ended;
    exited.then((result) => (ended = result));
    while (Date.now() - startedAt < readyTimeoutMs) {
      if (ended) {
        process.removeListener('exit', killOnExit);
        throw brokerFailure(`Kafka ${version} exited during start-up (code ${ended.code}, signal ${ended.signal}).`, logFile);
      }
      // The cluster id tells our broker from another that won a race for the same port.
      const answer = await probeBroker(brokers, { timeoutMs: 2000 }).catch(() => undefined);
      if (answer?.clusterId === clusterId) return Date.now() - startedAt;
      await sleep(250);
    }
    await stopChild();
    throw brokerFailure(`Kafka ${version} did not answer on ${brokers[0]} within ${readyTimeoutMs} ms.`, logFile);
  };

  const isRunning = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  // The child is unref'd, so awaiting its exit alone would let Node quit mid-await.
  const endChild = async (signal) => {
    process.removeListener('exit', killOnExit);
    if (!isRunning()) return;
    const keepAlive = setInterval(() => undefined, 1000);
    const deadline = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.kill(signal);
    await exited;
    clearTimeout(deadline);
    clearInterval(keepAlive);
  };
  const stopChild = () => endChild('SIGTERM');

  let readyMs;
  try {
    clusterId = await formatStorage({ java, libs, propertiesFile, logDirs, logFile });
    launch();
    readyMs = await waitUntilReady();
  } catch (error) {
    await stopChild();
    // The error already quotes the log's end; a temporary folder would only litter the temp dir.
    if (ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;

  return {
    brokers,
    host,
    port,
    controllerPort,
    version,
    clusterId,
    dataDir,
    logFile,
    readyMs,
    get pid() {
      return child.pid;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopChild();
      if (ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error('This broker was stopped for good; start a new one instead of restarting it.');
      await stopChild();
      launch();
      await waitUntilReady();
    },
    /** Stops the JVM without the handle's cooperation: a crash, as opposed to a clean stop. */
    kill() {
      return endChild('SIGKILL');
    },
  };
}

/**
 * A fresh broker for a test run: 9092/9093 when free, else free ports. Another run on this
 * machine may grab 9092 between the check and the bind, so a lost race retries on free ports.
 */
async function startTestBroker({ log = () => {}, ...options } = {}) {
  const ports = await pickBrokerPorts();
  if (!ports.preferred) log('port 9092 is busy; set KAFKA_BROKERS=127.0.0.1:9092 to test against what runs there');
  log(`starting Kafka ${options.version ?? DEFAULT_KAFKA_VERSION} on 127.0.0.1:${ports.port} …`);
  try {
    return await startBroker({ ...options, ...ports, log });
  } catch (error) {
    const lostRace =
      error instanceof BrokerAlreadyRunningException || /Address already in use|is taken by|already in use/.test(String(error.message));
    if (!ports.preferred || !lostRace) throw error;
    const port = await findFreePort();
    let controllerPort = await findFreePort();
    while (controllerPort === port) controllerPort = await findFreePort();
    log(`port 9092 was taken meanwhile; starting on 127.0.0.1:${port} instead …`);
    return startBroker({ ...options, port, controllerPort, log });
  }
}

module.exports = {
  ...require('./runtime'),
  findFreePort,
  isListening,
  pickBrokerPorts,
  kafkaAnswers,
  BrokerAlreadyRunningException,
  renderServerProperties,
  startBroker,
  startTestBroker,
  stopPid,
  processAlive,
  tailOfFile,
};
