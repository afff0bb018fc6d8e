/**
 * Metrics ingestion benchmark over real PostgreSQL and Kafka:
 * HTTP POST /samples → checked → samples.batch records → acknowledged by Kafka (acks=all).
 * The period evaluation (sla-evaluation) does not consume these records yet; once it does,
 * its own figures belong beside these.
 *
 *   npm run bench:ingest
 *
 * KAFKA_BROKERS: a broker to use (default: start a private one with tools/kafka).
 * DATABASE_URL: a PostgreSQL server's admin URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a throwaway database is created on it and dropped at the end.
 * BENCH_SECONDS (default 20), BENCH_CONNECTIONS (default 8), BENCH_BATCH (samples a request,
 * default 5000), BENCH_FORMAT (json | ndjson, default json), BENCH_GZIP (on | off, default off).
 *
 * The service runs in a child process of its own (apps/metrics-ingestion/src/main.ts), as in
 * the distributed mode; the load comes from this process, with its bodies made beforehand.
 * BENCH_SERVICE_NODE_ARGS adds Node options to the service's process (`--cpu-prof …`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { benchBody, type BenchBody } from './bench-samples.util';

import { createBenchDatabase, provideKafka } from '../support/bench-infrastructure.util';
const ROOT = path.resolve(__dirname, '../..');
const REGISTER = path.join(ROOT, 'tools/runtime/register-source.js');

const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const batch = Number(process.env['BENCH_BATCH'] ?? 5000);
const format = (process.env['BENCH_FORMAT'] ?? 'json') as 'json' | 'ndjson';
const gzip = (process.env['BENCH_GZIP'] ?? 'off') === 'on';
const PER_RECORD = 1000;
const BODIES = 24;
const WARM_UP_MS = 3_000;

async function freePort(): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tools = require(path.join(ROOT, 'tools/kafka/broker')) as typeof import('../../tools/kafka/broker');
  return tools.findFreePort();
}

function startService(env: Record<string, string>): { child: ChildProcess; output: string[] } {
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof", profiles the service.
  const nodeArgs = (process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, '-r', REGISTER, path.join(ROOT, 'apps/metrics-ingestion/src/main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString('utf8'));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output };
}

async function waitHealthy(url: string, service: { child: ChildProcess; output: string[] }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`the service exited:\n${service.output.join('')}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the service did not become healthy:\n${service.output.join('')}`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Load {
  accepted: number;
  records: number;
  requests: number;
  refused: number;
  failed: number;
  latencies: number[];
}

/** `connections` senders posting the bodies in turn until `until`; 429s wait their Retry-After. */
async function load(url: string, key: string, bodies: BenchBody[], until: number, tally: Load): Promise<void> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': format === 'json' ? 'application/json' : 'application/x-ndjson', ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const body = bodies[next++ % bodies.length];
        const started = performance.now();
        const res = await fetch(`${url}/samples`, { method: 'POST', headers, body: body.body });
        const answer = (await res.json()) as { accepted?: number };
        if (res.status === 200) {
          tally.accepted += answer.accepted ?? 0;
          tally.records += body.records;
          tally.requests += 1;
          tally.latencies.push(performance.now() - started);
        } else if (res.status === 429) {
          tally.refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        } else {
          tally.failed += 1;
          throw new Error(`POST /samples answered ${res.status}: ${JSON.stringify(answer)}`);
        }
      }
    }),
  );
}

async function recordsOnTopic(brokers: string[], namespace: string): Promise<number> {
  const admin = new Kafka({ clientId: 'bench-ingest-count', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(`${namespace}.metrics.samples.v1`);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const kafka = await provideKafka();
  const db = await createBenchDatabase(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'bench_ingest');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const namespace = `bench-ingest-${Date.now().toString(36)}`;
  const adminToken = randomBytes(32).toString('hex');
  const service = startService({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_NAMESPACE: namespace,
    UNDERPIN_BUS: 'kafka',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    INGESTION_ADMIN_TOKEN: adminToken,
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
  });
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(rssMb(service.child.pid!)), 1_000);
  try {
    await waitHealthy(url, service);
    const created = await fetch(`${url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', services: ['video-meetings', 'telephony', 'chat'] }),
    });
    const { key } = (await created.json()) as { key: string };
    // Samples of the last hours, so none lies ahead of the service's clock.
    const fromMs = Date.now() - 6 * 3600_000;
    const bodies = Array.from({ length: BODIES }, (_, i) => benchBody(i + 1, batch, fromMs, { format, gzip, perRecord: PER_RECORD }));
    const bodyKb = Math.round(bodies.reduce((sum, b) => sum + b.body.length, 0) / bodies.length / 1024);

    process.stdout.write(`\nmetrics ingestion: HTTP POST /samples → metrics.samples.v1 acknowledged by Kafka (acks=all)\n`);
    process.stdout.write(`  (the period evaluation does not consume these records yet; its figures will come with it)\n`);
    process.stdout.write(`  ${connections} connections, ${batch} samples a request (${format}${gzip ? ', gzip' : ''}, ~${bodyKb} kB), 12 service × region keys, ${PER_RECORD} samples a record\n`);

    const warm: Load = { accepted: 0, records: 0, requests: 0, refused: 0, failed: 0, latencies: [] };
    await load(url, key, bodies, Date.now() + WARM_UP_MS, warm);
    memory.length = 0;
    const tally: Load = { accepted: 0, records: 0, requests: 0, refused: 0, failed: 0, latencies: [] };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const serviceCpu0 = cpuSeconds(service.child.pid!);
    const brokerCpu0 = kafka.pid === undefined ? 0 : cpuSeconds(kafka.pid);
    await load(url, key, bodies, Date.now() + seconds * 1000, tally);
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const serviceCpu = cpuSeconds(service.child.pid!) - serviceCpu0;
    const brokerCpu = kafka.pid === undefined ? undefined : cpuSeconds(kafka.pid) - brokerCpu0;

    const onTopic = await recordsOnTopic(kafka.brokers, namespace);
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    process.stdout.write(`  accepted:  ${tally.accepted} samples in ${elapsed.toFixed(1)} s = ${Math.round(tally.accepted / elapsed)} samples/s (${Math.round(tally.requests / elapsed)} requests/s)\n`);
    process.stdout.write(`  on Kafka:  ${onTopic} samples.batch records (expected ${warm.records + tally.records}: every answered record is on the topic)\n`);
    process.stdout.write(`  per request (answered after the broker's ack): p50 ${percentile(sorted, 50).toFixed(0)} ms · p90 ${percentile(sorted, 90).toFixed(0)} ms · p99 ${percentile(sorted, 99).toFixed(0)} ms\n`);
    process.stdout.write(
      `  service CPU: ${serviceCpu.toFixed(1)} s over ${elapsed.toFixed(1)} s (${Math.round((100 * serviceCpu) / elapsed)} % of one core) = ${((serviceCpu * 1e6) / tally.accepted).toFixed(1)} µs a sample, ${Math.round(tally.accepted / serviceCpu)} samples per CPU-second\n`,
    );
    if (brokerCpu !== undefined) {
      const both = serviceCpu + brokerCpu;
      // One service process is one event loop (one core at most); the broker shares the two.
      const ceiling = Math.min(tally.accepted / serviceCpu, (2 * tally.accepted) / both);
      process.stdout.write(
        `  Kafka broker CPU: ${brokerCpu.toFixed(1)} s; service and broker ${((both * 1e6) / tally.accepted).toFixed(1)} µs a sample: on two cores of their own, about ${Math.round(ceiling)} samples/s\n`,
      );
    }
    process.stdout.write(`  refused with 429: ${tally.refused} · service RSS ${Math.min(...memory)}–${Math.max(...memory)} MB · load generator CPU ${Math.round((cpu.user + cpu.system) / 1000 / elapsed / 10)} %\n`);
  } catch (error) {
    process.stderr.write(`--- the service printed:\n${service.output.join('').split('\n').slice(-30).join('\n')}\n`);
    throw error;
  } finally {
    clearInterval(sampler);
    service.child.kill('SIGTERM');
    await new Promise((resolve) => (service.child.exitCode !== null ? resolve(undefined) : service.child.once('exit', resolve)));
    await db.drop();
    await kafka.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
