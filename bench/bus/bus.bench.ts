/**
 * End-to-end bus benchmark over real PostgreSQL and Kafka:
 * outbox insert → relay → Kafka → idempotent consumer → committed effect.
 *
 *   node -r ./tools/runtime/register-source.js bench/bus/bus.bench.ts
 *
 * KAFKA_BROKERS: a broker to use (default: start a private one with tools/kafka).
 * DATABASE_URL: a PostgreSQL server's admin URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a throwaway database is created on it and dropped at the end.
 * BENCH_EVENTS (default 100 000), BENCH_RATE (default 2 000/s), BENCH_SECONDS (default 20).
 *
 * Relay and consumer run in child processes (bench/bus/bus-worker.main.ts), as they would in a
 * deployment, so the three Node event loops share the machine's cores with Kafka and PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'pg';
import { OutboxService, outboxMigrationSql, processedEventsMigrationSql } from '@underpin/messaging';
import { KafkaEventBusService, silentLogger } from '@underpin/messaging';
import { createEnvelope } from '@underpin/contracts';
import { BENCH_SCHEMA, benchTopic } from './bench-topic.util';

import { createBenchDatabase, provideKafka } from '../support/bench-infrastructure.util';
const ROOT = path.resolve(__dirname, '../..');
const REGISTER = path.join(ROOT, 'tools/runtime/register-source.js');

const events = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const rate = Number(process.env['BENCH_RATE'] ?? 2_000);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
const KEYS = 500;

function startWorker(role: 'relay' | 'consumer', env: Record<string, string>): { child: ChildProcess; lines: string[] } {
  const child = spawn(process.execPath, ['-r', REGISTER, path.join(__dirname, 'bus-worker.main.ts')], { env: { ...process.env, ...env, ROLE: role }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop()!;
    lines.push(...complete.filter((l) => l !== ''));
  });
  return { child, lines };
}

async function waitForLine(worker: { lines: string[] }, prefix: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = worker.lines.find((l) => l.startsWith(prefix));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no "${prefix}" from worker within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function countEffects(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BENCH_SCHEMA}.effects`);
  return rows[0].n;
}

/** Inserts `total` events through the outbox, `perTransaction` at a time, optionally paced. */
async function produce(pool: Pool, total: number, perTransaction: number, everyMs: number | undefined, firstSeq: number): Promise<void> {
  const outbox = new OutboxService({ schema: BENCH_SCHEMA });
  const started = Date.now();
  for (let done = 0, tick = 0; done < total; tick += 1) {
    if (everyMs !== undefined) {
      const due = started + tick * everyMs;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    const count = Math.min(perTransaction, total - done);
    const occurredAt = new Date();
    const envelopes = Array.from({ length: count }, (_, i) => {
      const seq = firstSeq + done + i;
      return createEnvelope(benchTopic, 'bench.tick', { key: `key-${seq % KEYS}`, seq }, { source: 'bench', occurredAt });
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await outbox.enqueue(client, benchTopic, envelopes);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    done += count;
  }
}

async function main(): Promise<void> {
  const kafka = await provideKafka();
  const db = await createBenchDatabase(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'bench_bus');
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const workers: Array<{ child: ChildProcess; lines: string[] }> = [];
  try {
    await pool.query(outboxMigrationSql(BENCH_SCHEMA));
    await pool.query(processedEventsMigrationSql(BENCH_SCHEMA));
    await pool.query(`CREATE TABLE ${BENCH_SCHEMA}.effects (event_id uuid PRIMARY KEY, key text NOT NULL, seq int NOT NULL)`);
    const setup = new KafkaEventBusService({ brokers: kafka.brokers, clientId: 'bench-setup', logger: silentLogger });
    await setup.ensureTopics([benchTopic]);
    await setup.stop();

    const env = { DATABASE_URL: db.url, KAFKA_BROKERS: kafka.brokers.join(',') };
    workers.push(startWorker('consumer', env), startWorker('relay', env));
    await Promise.all(workers.map((w) => waitForLine(w, 'ready', 60_000)));
    // Warm-up: connections, group join, JIT.
    await produce(pool, 2_000, 500, undefined, 0);
    while ((await countEffects(pool)) < 2_000) await new Promise((resolve) => setTimeout(resolve, 50));

    process.stdout.write(`\nthroughput: ${events} events, as fast as they go\n`);
    const t0 = Date.now();
    await Promise.all([0, 1].map((lane) => produce(pool, events / 2, 500, undefined, 2_000 + lane * (events / 2))));
    const insertMs = Date.now() - t0;
    while ((await countEffects(pool)) < 2_000 + events) await new Promise((resolve) => setTimeout(resolve, 20));
    const totalMs = Date.now() - t0;
    process.stdout.write(`  outbox inserts: ${Math.round(events / (insertMs / 1000))} events/s\n`);
    process.stdout.write(`  end to end:     ${Math.round(events / (totalMs / 1000))} events/s (${(totalMs / 1000).toFixed(1)} s, first insert → last committed effect)\n`);

    const paced = rate * seconds;
    process.stdout.write(`\nlatency at ${rate} events/s for ${seconds} s (${paced} events; insert → committed effect)\n`);
    workers[0].child.kill('SIGUSR2');
    await waitForLine(workers[0], 'reset', 10_000);
    const perTick = Math.max(1, Math.round(rate / 100));
    await produce(pool, paced, perTick, (perTick / rate) * 1000, 10_000_000);
    while ((await countEffects(pool)) < 2_000 + events + paced) await new Promise((resolve) => setTimeout(resolve, 20));
    workers[0].child.kill('SIGUSR2');
    const report = JSON.parse((await waitForLine(workers[0], 'latencies', 10_000)).slice('latencies '.length)) as { count: number; p50: number; p90: number; p99: number; max: number };
    process.stdout.write(`  events measured: ${report.count}\n`);
    process.stdout.write(`  p50 ${report.p50} ms · p90 ${report.p90} ms · p99 ${report.p99} ms · max ${report.max} ms\n`);
  } finally {
    for (const worker of workers) {
      worker.child.kill('SIGTERM');
      await new Promise((resolve) => worker.child.once('exit', resolve));
    }
    await pool.end();
    await db.drop();
    await kafka.stop();
    const cpu = process.cpuUsage();
    process.stderr.write(`producer CPU: ${Math.round((cpu.user + cpu.system) / 1000)} ms\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
