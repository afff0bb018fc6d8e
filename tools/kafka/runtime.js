'use strict';
// What a Kafka broker needs before it can start: a Java 17+ runtime and the broker's jars,
// fetched once from Maven Central into .cache/kafka/<version>/libs so later starts are offline.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const DEFAULT_KAFKA_VERSION = '3.9.1';
const MIN_JAVA_MAJOR = 17;
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FETCHED_MARKER = '.fetched';

/** An error meant for a person at a terminal: one line, no stack trace worth showing. */
class KafkaSetupException extends Error {
  constructor(message) {
    super(message);
    this.name = 'KafkaSetupException';
    // Jest and Node print `stack`; a setup problem is an instruction, not a bug, so show only that.
    this.stack = `${this.name}: ${message}`;
  }
}

function kafkaCacheRoot(cacheRoot) {
  return cacheRoot ?? path.join(REPO_ROOT, '.cache', 'kafka');
}

function kafkaLibsDir(version = DEFAULT_KAFKA_VERSION, cacheRoot) {
  return path.join(kafkaCacheRoot(cacheRoot), version, 'libs');
}

/** Reads the major version from `java -version` output ("17.0.15", or "1.8.0_292" meaning 8). */
function parseJavaMajor(versionOutput) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function noJavaMessage(detail) {
  return (
    `Kafka for tests and development needs Java ${MIN_JAVA_MAJOR}+, but ${detail}: ` +
    `install a JDK/JRE ${MIN_JAVA_MAJOR}+ (e.g. apt-get install openjdk-17-jre-headless) ` +
    'or set KAFKA_BROKERS=host:port to use a broker that is already running.'
  );
}

/**
 * Finds a usable `java` (JAVA_HOME first, as Kafka's own scripts do, then PATH) and returns its
 * path. Throws a one-line KafkaSetupException when there is none or it is older than Java 17.
 */
function ensureJava({ env = process.env } = {}) {
  const fromHome = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = fromHome && fs.existsSync(fromHome) ? fromHome : 'java';
  const probe = spawnSync(java, ['-version'], { env, encoding: 'utf8' });
  if (probe.error) {
    const where = fromHome ? `JAVA_HOME (${env.JAVA_HOME}) has no bin/java` : '`java` was not found on PATH';
    throw new KafkaSetupException(noJavaMessage(where));
  }
  const major = parseJavaMajor(`${probe.stderr}\n${probe.stdout}`);
  if (major === undefined) {
    throw new KafkaSetupException(noJavaMessage(`\`${java} -version\` printed no version (exit code ${probe.status})`));
  }
  if (major < MIN_JAVA_MAJOR) {
    throw new KafkaSetupException(noJavaMessage(`\`${java}\` is Java ${major}`));
  }
  return java;
}

function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Returns the folder holding the broker's jars for `version`, downloading them with Maven the
 * first time. A finished download is marked, so an interrupted one is never mistaken for a cache.
 */
function ensureKafkaJars({ version = DEFAULT_KAFKA_VERSION, cacheRoot, log = () => {}, env = process.env } = {}) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new KafkaSetupException(`Kafka version must look like 3.9.1, got "${version}".`);
  }
  const libs = kafkaLibsDir(version, cacheRoot);
  if (fs.existsSync(path.join(libs, FETCHED_MARKER))) return libs;

  const relative = path.relative(process.cwd(), libs) || libs;
  log(`fetching Kafka ${version} jars from Maven Central into ${relative} (once)`);
  // A per-process scratch folder, renamed into place at the end, keeps concurrent fetches apart.
  const scratch = `${libs}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(libs), { recursive: true });
  const mvn = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      path.join(__dirname, 'pom.xml'),
      'dependency:copy-dependencies',
      `-Dkafka.version=${version}`,
      `-DoutputDirectory=${scratch}`,
    ],
    { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (mvn.error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new KafkaSetupException(
      `Fetching the Kafka ${version} jars needs Maven 3.8+ once, but \`mvn\` could not be run (${mvn.error.code ?? mvn.error.message}): ` +
        'install Maven (e.g. apt-get install maven) or set KAFKA_BROKERS=host:port to use a broker that is already running.',
    );
  }
  const hasBroker = fs.existsSync(path.join(scratch, `kafka_2.13-${version}.jar`));
  if (mvn.status !== 0 || !hasBroker) {
    fs.rmSync(scratch, { recursive: true, force: true });
    const output = tail(`${mvn.stdout}\n${mvn.stderr}`, 20);
    const error = new Error(`Fetching the Kafka ${version} jars with Maven failed (exit code ${mvn.status}):\n${output}`);
    error.name = 'KafkaSetupException';
    throw error;
  }
  fs.writeFileSync(path.join(scratch, FETCHED_MARKER), `${new Date().toISOString()}\n`);
  try {
    fs.rmSync(libs, { recursive: true, force: true });
    fs.renameSync(scratch, libs);
  } catch (error) {
    // Another process finished the same download first; its copy is as good as ours.
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!fs.existsSync(path.join(libs, FETCHED_MARKER))) throw error;
  }
  return libs;
}

module.exports = {
  DEFAULT_KAFKA_VERSION,
  MIN_JAVA_MAJOR,
  REPO_ROOT,
  KafkaSetupException,
  ensureJava,
  ensureKafkaJars,
  kafkaCacheRoot,
  kafkaLibsDir,
  parseJavaMajor,
};
