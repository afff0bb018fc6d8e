import { loadCatalogFromPath, readEventsJsonl } from '@underpin/contracts';
import { runBacktest, type TimelineEvent } from '@underpin/domain';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { generateYear } from './backtest-events.util';
import { benchClock } from './clock.bench';

/**
 * The domain's two performance goals, measured on one core:
 *   clock evaluations  ≥ 500 000 per second
 *   backtest of a year of per-minute probes in 3 regions + 10 000 incidents  < 10 s
 * Run: node -r ./tools/runtime/register-source.js bench/domain/domain.bench.ts [--check] [--jsonl]
 * With --check the exit code is 1 when a goal is missed. With --jsonl the same year is also
 * written to a temporary JSON Lines file and backtested from it, as the CLI reads it. Goals are judged on the process's
 * CPU time, which on an idle machine equals the wall-clock time of this single-threaded
 * work and on a shared one is not inflated by other processes; both are printed.
 */
const CLOCK_GOAL_PER_SECOND = 500_000;
const BACKTEST_GOAL_SECONDS = 10;

function figure(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  let missed = 0;

  const clock = benchClock();
  const clockMet = clock.perSecond >= CLOCK_GOAL_PER_SECOND;
  missed += clockMet ? 0 : 1;
  console.log(
    `clock evaluations: ${figure(clock.perSecond)}/s (${figure(clock.evaluations)} in ${figure(clock.cpuSeconds, 2)} s CPU, ` +
      `${figure(clock.seconds, 2)} s wall; goal ≥ ${figure(CLOCK_GOAL_PER_SECOND)}/s: ${clockMet ? 'met' : 'MISSED'})`,
  );

  const loaded = await loadCatalogFromPath(join(__dirname, 'bench-catalog.yaml'));
  if (!loaded.ok) throw new Error(`bench catalogue: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const generated = generateYear(10_000);

  let cpu = process.cpuUsage();
  let count = 0;
  for (const _event of generated.events) count++;
  const generation = cpuSecondsSince(cpu);

  cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await runBacktest({ catalog: loaded.catalog, events: generated.events });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const total = cpuSecondsSince(cpu);
  const backtestMet = total < BACKTEST_GOAL_SECONDS;
  missed += backtestMet ? 0 : 1;
  console.log(
    `backtest: ${figure(count)} events (a year of per-minute probes × 3 regions + 10,000 incidents) in ${figure(total, 2)} s CPU ` +
      `(${figure(wall, 2)} s wall), of which generating the events ${figure(generation, 2)} s; ${figure(count / total)} events/s ` +
      `(goal < ${BACKTEST_GOAL_SECONDS} s: ${backtestMet ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  → ${figure(result.incidents.length)} incident × objective entries, ${figure(result.periods.length)} period figures, ` +
      `${figure(result.credits.length)} invoices with credits, ${figure(result.exitTriggers.length)} exit triggers fired, ` +
      `${figure(result.feasibility.length)} feasibility findings; heap ${figure(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
  if (process.argv.includes('--jsonl')) await benchFromFile(loaded.catalog, generated.events);
  return check && missed > 0 ? 1 : 0;
}

function isoOf(event: TimelineEvent): Record<string, unknown> {
  return { ...event, at: new Date(event.at).toISOString() };
}

/** The same events through the JSON Lines reader: parsing and validating every line included. */
async function benchFromFile(catalog: Parameters<typeof runBacktest>[0]['catalog'], events: Iterable<TimelineEvent>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'underpin-bench-'));
  try {
    const file = join(dir, 'events.jsonl');
    const out = createWriteStream(file);
    for (const event of events) {
      if (!out.write(`${JSON.stringify(isoOf(event))}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = (await stat(file)).size;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await runBacktest({ catalog, events: readEventsJsonl(file) });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `backtest from JSON Lines (${figure(size / 2 ** 20)} MiB, read and validated line by line): ` +
        `${figure(cpuSecondsSince(cpu), 2)} s CPU (${figure(wall, 2)} s wall)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:domain: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
