import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaSetupException, ensureJava, ensureKafkaJars, kafkaLibsDir, parseJavaMajor, renderServerProperties } from './broker';

describe(ensureJava.name, () => {
  let emptyBin: string;

  beforeAll(() => {
    emptyBin = mkdtempSync(join(tmpdir(), 'no-java-'));
  });

  afterAll(() => rmSync(emptyBin, { recursive: true, force: true }));

  const thrownBy = (run: () => unknown): Error => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a throw');
  };

  it('explains a missing java in one line naming Java 17 and KAFKA_BROKERS', () => {
    const error = thrownBy(() => ensureJava({ env: { PATH: emptyBin } }));
    expect(error).toBeInstanceOf(KafkaSetupException);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('`java` was not found on PATH');
    expect(error.message).toMatch(/Java 17\+/);
    expect(error.message).toContain('KAFKA_BROKERS');
    expect(error.stack).toBe(`KafkaSetupException: ${error.message}`);
  });

  it('says when JAVA_HOME points at no java', () => {
    const error = thrownBy(() => ensureJava({ env: { PATH: emptyBin, JAVA_HOME: emptyBin } }));
    expect(error.message).toContain(`JAVA_HOME (${emptyBin}) has no bin/java`);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a Java older than 17 in one line', () => {
    const home = mkdtempSync(join(tmpdir(), 'old-java-'));
    try {
      const fake = join(home, 'bin', 'java');
      spawnSync('mkdir', ['-p', join(home, 'bin')]);
      writeFileSync(fake, '#!/bin/sh\necho \'java version "1.8.0_292"\' >&2\n');
      chmodSync(fake, 0o755);
      const error = thrownBy(() => ensureJava({ env: { PATH: emptyBin, JAVA_HOME: home } }));
      expect(error.message).toContain('is Java 8');
      expect(error.message).not.toContain('\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('makes the real start path fail at once with that single line', () => {
    // node is started by absolute path, so its PATH can be empty of java (and JAVA_HOME unset).
    const script = `require(${JSON.stringify(join(__dirname, 'broker.js'))})
      .startBroker({ port: 1, controllerPort: 2 })
      .then(() => process.exit(3), (e) => { process.stderr.write(e.message); process.exit(1); });`;
    const startedAt = Date.now();
    const run = spawnSync(process.execPath, ['-e', script], { env: { PATH: emptyBin }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('`java` was not found on PATH');
    expect(run.stderr).toContain('KAFKA_BROKERS');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });

  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['no version here', undefined],
  ])('reads the major version from %j', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });
});

describe(renderServerProperties.name, () => {
  it('configures a combined KRaft node on the given ports with topic auto-creation off', () => {
    const properties = renderServerProperties({ host: '127.0.0.1', port: 19092, controllerPort: 19093, logDirs: '/data/logs' });
    const lines = properties.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'process.roles=broker,controller',
        'controller.quorum.voters=1@127.0.0.1:19093',
        'listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
        'advertised.listeners=PLAINTEXT://127.0.0.1:19092',
        'log.dirs=/data/logs',
        'auto.create.topics.enable=false',
        'group.initial.rebalance.delay.ms=0',
      ]),
    );
  });
});

describe(ensureKafkaJars.name, () => {
  let cacheRoot: string;
  let emptyBin: string;

  beforeEach(() => {
    cacheRoot = mkdtempSync(join(tmpdir(), 'kafka-cache-'));
    emptyBin = mkdtempSync(join(tmpdir(), 'no-mvn-'));
  });

  afterEach(() => {
    rmSync(cacheRoot, { recursive: true, force: true });
    rmSync(emptyBin, { recursive: true, force: true });
  });

  it('uses a completed cache without running Maven (so a second start needs no network)', () => {
    const libs = kafkaLibsDir('3.9.1', cacheRoot);
    mkdirSync(libs, { recursive: true });
    writeFileSync(join(libs, '.fetched'), 'done\n');
    expect(ensureKafkaJars({ version: '3.9.1', cacheRoot, env: { PATH: emptyBin } })).toBe(libs);
  });

  it('does not trust a cache folder that an interrupted download left without its marker', () => {
    mkdirSync(kafkaLibsDir('3.9.1', cacheRoot), { recursive: true });
    expect(() => ensureKafkaJars({ version: '3.9.1', cacheRoot, env: { PATH: emptyBin } })).toThrow(
      /needs Maven 3\.8\+ once, but `mvn` could not be run/,
    );
  });

  it('rejects a malformed version before touching the network', () => {
    expect(() => ensureKafkaJars({ version: 'latest', cacheRoot })).toThrow('Kafka version must look like 3.9.1, got "latest".');
  });
});
