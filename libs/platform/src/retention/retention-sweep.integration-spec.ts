import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InProcessEventBusService, silentLogger, toSqlRunner, type SqlRunner } from '@underpin/messaging';
import { createTestDatabase, waitUntil, type TestDatabase } from '@underpin/testing';
import { Pool } from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { readPlatformConfig } from '../config/platform.config';
import { messagingTablesMigration } from '../database/messaging-tables.migration';
import { openServiceDatabase } from '../database/service-data-source.util';
import { ServiceCoreModule } from '../service/service-core.module';
import type { ServiceRuntime } from '../service/service-runtime.type';
import { processedEventsRetentionRule } from './processed-events-rule.util';
import type { RetentionRule } from './retention-rule.type';
import { RetentionSweepService } from './retention-sweep.service';
import { sqlRetentionRule } from './sql-retention-rule.util';

const SCHEMA = 'retention_probe';
const DAY = 24 * 3_600_000;

/** A table of the probe service's own, to show the hook for a service's rules. */
class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${SCHEMA}.notes (id text PRIMARY KEY, written_at timestamptz NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${SCHEMA}.notes`);
  }
}

const NOTES_RULE = sqlRetentionRule({
  name: 'notes',
  retentionMs: 30 * DAY,
  sql: `WITH doomed AS MATERIALIZED (SELECT id FROM ${SCHEMA}.notes WHERE written_at < $1 ORDER BY written_at LIMIT $2 FOR UPDATE SKIP LOCKED),
        gone AS (DELETE FROM ${SCHEMA}.notes n USING doomed WHERE n.id = doomed.id RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
});

/** Records what each statement answered, to see the batches. */
function countingRunner(sql: SqlRunner): { sql: SqlRunner; answers: number[] } {
  const answers: number[] = [];
  return {
    answers,
    sql: {
      async query<R>(text: string, params?: unknown[]): Promise<R[]> {
        const rows = await sql.query<R>(text, params);
        answers.push(Number((rows[0] as { n?: number } | undefined)?.n));
        return rows;
      },
    },
  };
}

describe(`${RetentionSweepService.name} over PostgreSQL`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;

  /** `count` processed-event ids of `group`, recorded `ageMs` ago by the database's clock. */
  async function processed(group: string, count: number, ageMs: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await pool.query(
      `INSERT INTO ${SCHEMA}.processed_events (consumer_group, event_id, processed_at)
       SELECT $1, id, now() - $3::bigint * interval '1 millisecond' FROM unnest($2::uuid[]) AS id`,
      [group, ids, ageMs],
    );
    return ids;
  }

  async function remainingIds(): Promise<string[]> {
    const { rows } = await pool.query<{ event_id: string }>(`SELECT event_id::text AS event_id FROM ${SCHEMA}.processed_events ORDER BY event_id`);
    return rows.map((row) => row.event_id);
  }

  beforeAll(async () => {
    db = await createTestDatabase('retention_sweep');
    dataSource = await openServiceDatabase({ url: db.url, schema: SCHEMA, entities: [], migrations: [messagingTablesMigration(SCHEMA), CreateNotes1700000000000] });
    pool = new Pool({ connectionString: db.url, max: 4 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await pool.query(`TRUNCATE ${SCHEMA}.processed_events, ${SCHEMA}.notes`);
  });

  it('forgets exactly the processed-event ids older than the retention, every group alike, in bounded batches', async () => {
    await processed('incidents.catalog', 12, 20 * DAY);
    await processed('notifications.incidents', 11, 15 * DAY);
    const kept = [...(await processed('notifications.incidents', 4, 13 * DAY)), ...(await processed('incidents.catalog', 3, 0))];
    const counting = countingRunner(toSqlRunner(dataSource));
    const sweep = new RetentionSweepService(counting.sql, [processedEventsRetentionRule(SCHEMA, 14 * DAY)], { intervalMs: 3_600_000, batchSize: 10, now: Date.now, logger: silentLogger });

    const outcomes = await sweep.sweepOnce();

    expect(outcomes).toEqual([{ rule: 'processed_events', deleted: 23, batches: 3, unfinished: false }]);
    expect(counting.answers).toEqual([10, 10, 3]);
    expect(await remainingIds()).toEqual([...kept].sort());
    expect(await sweep.sweepOnce()).toEqual([{ rule: 'processed_events', deleted: 0, batches: 1, unfinished: false }]);
  });

  it('lets two replicas sweep at once without waiting on each other or deleting a row twice', async () => {
    await processed('g', 60, 20 * DAY);
    const kept = await processed('g', 5, DAY);
    const replica = () =>
      new RetentionSweepService(toSqlRunner(pool), [processedEventsRetentionRule(SCHEMA, 14 * DAY)], { intervalMs: 3_600_000, batchSize: 5, now: Date.now, logger: silentLogger });

    const [a, b] = await Promise.all([replica().sweepOnce(), replica().sweepOnce()]);

    expect(a[0]!.deleted + b[0]!.deleted).toBe(60);
    expect(await remainingIds()).toEqual([...kept].sort());
  });

  describe('as part of ServiceCoreModule', () => {
    let bus: InProcessEventBusService;
    let app: INestApplicationContext | undefined;
    const brokenCalls: Date[] = [];
    const broken: RetentionRule = {
      name: 'broken',
      deleteBatch: async (sql, now, limit) => {
        brokenCalls.push(now);
        await sql.query(`DELETE FROM ${SCHEMA}.no_such_table WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${SCHEMA}.no_such_table LIMIT $1))`, [limit]);
        return 0;
      },
    };

    @Module({})
    class RetentionProbeModule {
      static forRoot(runtime: ServiceRuntime): DynamicModule {
        return {
          module: RetentionProbeModule,
          imports: [
            ServiceCoreModule.forService(runtime, {
              schema: SCHEMA,
              migrations: [CreateNotes1700000000000],
              retention: { rules: [broken, NOTES_RULE], sweep: { firstDelayMs: 100, batchSize: 4 } },
            }),
          ],
        };
      }
    }

    beforeAll(async () => {
      bus = new InProcessEventBusService({ logger: silentLogger });
      await bus.start();
    });

    afterAll(async () => {
      await app?.close();
      await bus?.stop();
    });

    it('sweeps shortly after start and every interval, survives a failing rule, runs the service rules, and stops on close', async () => {
      await processed('g', 9, 15 * DAY);
      const keptIds = await processed('g', 2, DAY);
      await pool.query(
        `INSERT INTO ${SCHEMA}.notes (id, written_at) VALUES ('old-1', now() - interval '31 days'), ('old-2', now() - interval '40 days'), ('new', now() - interval '29 days')`,
      );
      const config = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error', PROCESSED_EVENTS_RETENTION: '14d', RETENTION_SWEEP_INTERVAL: '1s' }, { bus: 'in-process' });
      const runtime: ServiceRuntime = { config, bus, now: Date.now };

      app = await NestFactory.createApplicationContext(RetentionProbeModule.forRoot(runtime), { logger: false });
      const sweep = app.get(RetentionSweepService);
      expect(sweep.rules.map((rule) => rule.name)).toEqual(['processed_events', 'broken', 'notes']);

      await waitUntil('the first sweep to forget the old ids', async () => (await remainingIds()).length === 2, { timeoutMs: 10_000 });
      expect(await remainingIds()).toEqual([...keptIds].sort());
      await waitUntil('a second sweep after the failing rule', () => brokenCalls.length >= 2, { timeoutMs: 10_000 });
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM ${SCHEMA}.notes ORDER BY id`);
      expect(rows.map((row) => row.id)).toEqual(['new']);

      await app.close();
      app = undefined;
      const callsAtClose = brokenCalls.length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(brokenCalls).toHaveLength(callsAtClose);
    }, 30_000);
  });
});
