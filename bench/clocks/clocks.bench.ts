import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { CATALOG_CHANGES_TOPIC, INCIDENT_EVENTS_TOPIC, SLA_CLOCKS_TOPIC, createEnvelope, incidentEventToWire, loadCatalogFromPath, type EnvelopeOf } from '@underpin/contracts';
import type { IncidentEvent } from '@underpin/domain';
import { InProcessEventBusService } from '@underpin/messaging';
import { readPlatformConfig, startService } from '@underpin/platform';
import { createTestDatabase, startEmbeddedPostgres, type PostgresServer } from '@underpin/testing';
import { slaEvaluationService } from '@underpin/app-sla-evaluation';
import { holdersAfter, LiveEvents, openIncidents, outage } from './bench-incidents.util';
import { CpuWindow, figure, parentOf, percentile, serverCpuSeconds } from './bench-stats.util';

/**
 * Live clocks at scale, through the real service (PostgreSQL, outbox, in-process bus):
 *   100 000 open incidents with their clocks and timers in PostgreSQL;
 *   timer firing lag (due instant → the sla.clock event on the bus) p99 ≤ 1 s;
 *   1 000 timeline events/s applied, with CPU to spare.
 * Run: npm run bench:clocks [-- --incidents N] [--check]. With --check the exit code is 1
 * when a goal is missed.
 * PostgreSQL: a server of its own (embedded, durability off, CPU measured), or the one of
 * DATABASE_URL (its CPU not measured, others may share it); a throwaway database is created
 * in it and dropped at the end.
 */
const LAG_GOAL_MS = 1_000;
const EVENTS_PER_SECOND = 1_000;
const EVENT_SECONDS = 30;
const QUIET_SECONDS = 30;
const OUTAGE_SIZE = 1_000;
const SEED_CHUNK = 5_000;

type IncidentEnvelope = EnvelopeOf<typeof INCIDENT_EVENTS_TOPIC>;

/** An alert event as the bench saw it on the bus. */
interface Delivery {
  due: number;
  receivedAt: number;
}

function envelopeOf(event: IncidentEvent): IncidentEnvelope {
  const wire = incidentEventToWire(event);
  return createEnvelope(INCIDENT_EVENTS_TOPIC, wire.type, wire.payload as never, { source: 'bench', occurredAt: new Date(event.at) }) as IncidentEnvelope;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const incidents = argument('--incidents', 100_000);
  if (!Number.isInteger(incidents) || incidents < 1) throw new Error('--incidents: expected a positive integer');
  const check = process.argv.includes('--check');
  const given = process.env['DATABASE_URL'];
  const server: PostgresServer = given ? { adminUrl: given, source: 'DATABASE_URL', stop: async () => undefined } : await startEmbeddedPostgres();
  const db = await createTestDatabase('bench_clocks', server.adminUrl);
  console.log(`PostgreSQL: ${server.source === 'embedded' ? 'embedded server of its own (fsync and synchronous_commit off)' : 'DATABASE_URL'}; ${figure(incidents)} incidents`);
  const bus = new InProcessEventBusService({ logger: { info: () => undefined, warn: (m) => console.warn(m), error: (m) => console.error(m) } });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  Logger.overrideLogger(['error', 'warn']);
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    await bus.start();
    const deliveries: Delivery[] = [];
    // Stays subscribed until the bus stops: the relay waits for every group reading the topic.
    bus.subscribe({
      topic: SLA_CLOCKS_TOPIC,
      group: 'bench.alerts',
      handler: async (envelope) => {
        deliveries.push({ due: Date.parse(envelope.payload.at) + (envelope.payload.kind === 'breach' ? 1 : 0), receivedAt: Date.now() });
      },
    });
    const config = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, { bus: 'in-process' });
    service = await startService(slaEvaluationService, { config, bus, now: Date.now }, { port: 0 });
    const loaded = await loadCatalogFromPath(join(__dirname, '..', '..', 'examples', 'meetings', 'catalog.yaml'));
    if (!loaded.ok) throw new Error(`catalogue: ${loaded.problems.map((p) => p.message).join('; ')}`);
    await bus.publish(CATALOG_CHANGES_TOPIC, [
      createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', { revision: 'bench', catalog: loaded.catalog, at: new Date().toISOString() }, { source: 'bench' }) as EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>,
    ]);

    // 1. Seed: the incidents arrive as events through the consumer, in chunks.
    const seed = openIncidents(incidents, Date.now(), 8 * 3_600_000);
    let started = process.hrtime.bigint();
    for (let i = 0; i < seed.length; i += SEED_CHUNK) await bus.publish(INCIDENT_EVENTS_TOPIC, seed.slice(i, i + SEED_CHUNK).map(envelopeOf));
    const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [counts] = (await pool.query(`SELECT
        (SELECT count(*)::int FROM sla_evaluation.tracked_incidents WHERE status = 'open') AS open,
        (SELECT count(*)::int FROM sla_evaluation.clocks) AS clocks,
        (SELECT count(*)::int FROM sla_evaluation.timers WHERE fire_at IS NOT NULL) AS timers`)).rows;
    console.log(
      `seeded ${figure(counts.open)} open incidents from ${figure(seed.length)} events in ${figure(seedSeconds, 1)} s ` +
        `(${figure(seed.length / seedSeconds)} events/s in batches): ${figure(counts.clocks)} clocks, ${figure(counts.timers)} armed timers in PostgreSQL`,
    );

    const backend = Number((await pool.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
    const postmaster = server.source === 'embedded' ? parentOf(backend) : undefined;
    const serverCpu = postmaster === undefined ? undefined : () => serverCpuSeconds(postmaster);

    // The windows start once the service has caught up with the load: the thresholds the seeded
    // incidents had already crossed are relayed, and the deadlines that passed meanwhile fired.
    started = process.hrtime.bigint();
    for (;;) {
      const [{ overdue, unsent }] = (
        await pool.query(`SELECT (SELECT count(*)::int FROM sla_evaluation.timers WHERE fire_at < now() - interval '1 second') AS overdue,
          (SELECT count(*)::int FROM sla_evaluation.outbox) AS unsent`)
      ).rows;
      if (overdue === 0 && unsent === 0) break;
      await sleep(200);
    }
    const [{ alerts }] = (await pool.query(`SELECT count(*)::int AS alerts FROM sla_evaluation.alerts`)).rows;
    const caughtUp = Number(process.hrtime.bigint() - started) / 1e9;
    // A service in steady state has had its tables vacuumed since the load: the outbox relayed
    // the load's alerts and is empty again, but its file holds every row it ever had until a
    // vacuum, and the relay's claims scan it.
    started = process.hrtime.bigint();
    await pool.query(`VACUUM (ANALYZE) sla_evaluation.tracked_incidents, sla_evaluation.clocks, sla_evaluation.timers, sla_evaluation.alerts, sla_evaluation.processed_events`);
    await pool.query(`VACUUM sla_evaluation.outbox`);
    console.log(
      `caught up in ${figure(caughtUp, 1)} s more (${figure(alerts)} alerts fired for thresholds crossed before the incidents were known); ` +
        `vacuumed in ${figure(Number(process.hrtime.bigint() - started) / 1e9, 1)} s`,
    );

    // 2. Timers alone.
    const quietFrom = Date.now();
    const quietCpu = new CpuWindow(serverCpu);
    await sleep(QUIET_SECONDS * 1_000);
    const quiet = quietCpu.end();
    const quietTo = Date.now();

    // 3. An outage: many incidents opened at one instant, their warnings due at one instant.
    const outageDue = Date.now() + 5_000;
    await bus.publish(INCIDENT_EVENTS_TOPIC, outage(OUTAGE_SIZE, outageDue).map(envelopeOf));
    await sleep(Math.max(0, outageDue - Date.now()) + 10_000);

    // 4. 1 000 timeline events/s on the open incidents, timers firing meanwhile.
    const busyFrom = Date.now();
    const live = new LiveEvents(holdersAfter(seed));
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const eventCpu = new CpuWindow(serverCpu);
    started = process.hrtime.bigint();
    const tickMs = 100;
    const perTick = (EVENTS_PER_SECOND * tickMs) / 1_000;
    for (let tick = 0; tick < (EVENT_SECONDS * 1_000) / tickMs; tick++) {
      const sentAt = Date.now();
      const chunk = Array.from({ length: perTick }, () => envelopeOf(live.next(sentAt)));
      pending.push(bus.publish(INCIDENT_EVENTS_TOPIC, chunk).then(() => void latencies.push(Date.now() - sentAt)));
      await sleep(Math.max(0, busyFrom + (tick + 1) * tickMs - Date.now()));
    }
    await Promise.all(pending);
    const eventWall = Number(process.hrtime.bigint() - started) / 1e9;
    const events = eventCpu.end();
    const busyTo = Date.now();
    await sleep(2_000);

    const sent = (EVENT_SECONDS * 1_000 * perTick) / tickMs;
    const fired = await firedAlerts(pool, quietFrom);
    const lagsOf = (from: number, to: number) => ({
      committed: fired.filter((a) => a.due >= from && a.due < to).map((a) => a.recordedAt - a.due),
      relayed: deliveries.filter((d) => d.due >= from && d.due < to).map((d) => d.receivedAt - d.due),
    });
    const quietLags = lagsOf(quietFrom, quietTo);
    const outageLags = lagsOf(outageDue, outageDue + 1);
    const busyLags = lagsOf(busyFrom, busyTo);
    const rate = sent / eventWall;
    // The goal is judged where users see an alert: on the bus, in every window, and every
    // committed alert must have got there.
    const windows = [quietLags, outageLags, busyLags];
    const relayed = windows.flatMap((w) => w.relayed);
    const lagMet =
      windows.every((w) => w.committed.length > 0 && w.relayed.length === w.committed.length) && percentile(relayed, 99) <= LAG_GOAL_MS;
    const rateMet = rate >= EVENTS_PER_SECOND * 0.98 && events.ownCores < 1;
    const pg = (cores: number | undefined) => (cores === undefined ? 'PostgreSQL not measured' : `PostgreSQL ${figure(cores * 100)} % of a core`);
    console.log(`timers alone (${QUIET_SECONDS} s): ${lagLine(quietLags)}; service process ${figure(quiet.ownCores * 100)} % of a core, ${pg(quiet.serverCores)}`);
    console.log(`outage, ${figure(OUTAGE_SIZE)} warnings due at one instant: ${lagLine(outageLags)}`);
    console.log(`timers under ${figure(EVENTS_PER_SECOND)} timeline events/s: ${lagLine(busyLags)}`);
    console.log(
      `timeline events: ${figure(sent)} sent at ${figure(EVENTS_PER_SECOND)}/s, applied at ${figure(rate)}/s; publish → applied ` +
        `p50 ${figure(percentile(latencies, 50))} ms, p99 ${figure(percentile(latencies, 99))} ms (per ${perTick}-event chunk); ` +
        `service process ${figure(events.ownCores * 100)} % of a core (bench generator included), ${pg(events.serverCores)}`,
    );
    console.log(
      `goals: firing lag p99 ≤ ${figure(LAG_GOAL_MS)} ms (due → alert on the bus, all three windows): ${figure(percentile(relayed, 99))} ms, ` +
        `${lagMet ? 'met' : 'MISSED'}; ${figure(EVENTS_PER_SECOND)} events/s below one core: ${rateMet ? 'met' : 'MISSED'}`,
    );
    return check && !(lagMet && rateMet) ? 1 : 0;
  } finally {
    await service?.close();
    await bus.stop();
    await pool.end();
    await db.drop();
    await server.stop();
  }
}

/** Every alert fired from `from` on: its due instant and when its row was written. */
async function firedAlerts(pool: Pool, from: number): Promise<Array<{ due: number; recordedAt: number }>> {
  const { rows } = await pool.query(
    `SELECT (extract(epoch FROM at) * 1000)::float8 + CASE WHEN kind = 'breach' THEN 1 ELSE 0 END AS due,
       (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at
     FROM sla_evaluation.alerts WHERE at >= $1`,
    [new Date(from - 1)],
  );
  return rows.map((row) => ({ due: Math.round(row.due), recordedAt: row.recorded_at }));
}

function lagLine({ committed, relayed }: { committed: number[]; relayed: number[] }): string {
  const stats = (lags: number[]) =>
    lags.length === 0 ? 'none' : `p50 ${figure(percentile(lags, 50))} ms, p99 ${figure(percentile(lags, 99))} ms, max ${figure(Math.max(...lags))} ms`;
  return `${figure(committed.length)} alerts; due → committed ${stats(committed)}; due → on the bus (${figure(relayed.length)}) ${stats(relayed)}`;
}

// An explicit exit: the embedded server's exit hook would otherwise end the process with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:clocks: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
