import { Pool, type PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@underpin/contracts';
import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { IdempotentConsumer, InProcessEventBusService, OutboxService, OutboxRelayService, type OutgoingRecord, pgTransactional, silentLogger, typeOrmTransactional } from '../src';
import { SCHEMA, countOutbox, migrate } from './support/delivery-scenario.util';
import { type SequenceStep, assertOrderedPerKey, sequenceEnvelopes, sequenceTopic, waitFor } from './support/sequence-topic.util';

const topic = sequenceTopic('test.outbox.v1', 4);

describe(OutboxRelayService.name, () => {
  let db: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_outbox');
    pool = new Pool({ connectionString: db.url, max: 8 });
    await migrate(pool);
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
    await db?.drop();
  });

  beforeEach(async () => {
    await pool.query(`TRUNCATE ${SCHEMA}.outbox, ${SCHEMA}.processed_events, ${SCHEMA}.effects`);
  });

  function recordingBus() {
    const bus = new InProcessEventBusService({ topics: [topic], logger: silentLogger, acknowledge: 'appended' });
    const seen: SequenceStep[] = [];
    bus.subscribe({ topic, group: 'recorder', handler: async (envelope) => void seen.push(envelope.payload) });
    return { bus, seen };
  }

  it('relays only what the caller committed, whether through pg or a TypeORM transaction', async () => {
    const outbox = new OutboxService({ schema: SCHEMA });
    const [a, b, c] = sequenceEnvelopes(topic, 1, 3);
    await pgTransactional(pool)(async (tx) => outbox.enqueue(tx, topic, [a]));
    await expect(
      pgTransactional(pool)(async (tx) => {
        await outbox.enqueue(tx, topic, [b]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await dataSource.transaction((manager) => outbox.enqueue(manager, topic, [c]));

    const { bus, seen } = recordingBus();
    await bus.start();
    const relay = new OutboxRelayService({ pool, schema: SCHEMA, publisher: bus, logger: silentLogger });
    expect(await relay.relayOnce()).toEqual({ claimed: 2, published: 2 });
    await waitFor(() => seen.length === 2, 2_000, 'two events');
    expect(seen.map((s) => s.seq)).toEqual([1, 3]);
    expect(await countOutbox(pool)).toBe(0);
    await bus.stop();
  });

  it('refuses to enqueue an envelope that breaks the contract', async () => {
    const [envelope] = sequenceEnvelopes(topic, 1, 1);
    await expect(pgTransactional(pool)((tx) => new OutboxService({ schema: SCHEMA }).enqueue(tx, topic, [{ ...envelope, payload: { key: 'key-0', seq: 1.5 } }]))).rejects.toThrow(
      'payload.seq: must be an integer, got 1.5',
    );
  });

  it('stops while a publish waits on a group that has left, keeping the rows for the next start', async () => {
    // acknowledge: handled, as in all-in-one mode: a publish resolves once every group has
    // handled it, and a group whose members all left (its service stopped first) never does.
    const bus = new InProcessEventBusService({ topics: [topic], logger: silentLogger });
    const seen: SequenceStep[] = [];
    const subscription = bus.subscribe({ topic, group: 'stopped-first', handler: async (envelope) => void seen.push(envelope.payload) });
    await bus.start();
    await subscription.close();
    const relay = new OutboxRelayService({ pool, schema: SCHEMA, publisher: bus, pollIntervalMs: 50, logger: silentLogger });
    await relay.start();
    await pgTransactional(pool)((tx) => new OutboxService({ schema: SCHEMA }).enqueue(tx, topic, sequenceEnvelopes(topic, 2, 3)));
    // The relay has published and waits for the group: the bus holds records nobody handles.
    await waitFor(async () => (await bus.groupPositions(topic, 'stopped-first')).some((p) => p.end > p.position), 5_000, 'the relay to publish');

    const stopping = relay.stop().then(() => 'stopped');
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still stopping after 5 s'), 5_000).unref());
    expect(await Promise.race([stopping, timeout])).toBe('stopped');
    expect(await countOutbox(pool)).toBe(6);
    expect(seen).toEqual([]);
    await bus.stop();

    // The next start relays them to the group, which is back.
    const next = recordingBus();
    await next.bus.start();
    const again = new OutboxRelayService({ pool, schema: SCHEMA, publisher: next.bus, pollIntervalMs: 50, logger: silentLogger });
    await again.start();
    await waitFor(async () => next.seen.length === 6 && (await countOutbox(pool)) === 0, 5_000, 'the rows relayed after the restart');
    await again.stop();
    await next.bus.stop();
  });

  it('wakes on NOTIFY instead of waiting for its next poll', async () => {
    const { bus, seen } = recordingBus();
    await bus.start();
    const relay = new OutboxRelayService({ pool, schema: SCHEMA, publisher: bus, pollIntervalMs: 60_000, logger: silentLogger });
    await relay.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = Date.now();
    await pgTransactional(pool)((tx) => new OutboxService({ schema: SCHEMA }).enqueue(tx, topic, sequenceEnvelopes(topic, 1, 1)));
    await waitFor(() => seen.length === 1, 5_000, 'the notified event');
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await relay.stop();
    await bus.stop();
  });

  it('leaves its LISTEN connection to the pool once stopped: its loss there is the pool\'s affair', async () => {
    // A pool of its own, whose connections the test can tell apart from the others'.
    const own = new Pool({ connectionString: db.url, max: 2, application_name: 'relay-after-stop' });
    const poolErrors: Error[] = [];
    own.on('error', (error) => poolErrors.push(error));
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    try {
      const relay = new OutboxRelayService({ pool: own, schema: SCHEMA, publisher: recordingBus().bus, pollIntervalMs: 60_000, logger });
      await relay.start();
      await relay.stop();

      // The server (or a proxy, or an idle timeout) closes the connection the pool now holds.
      const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'relay-after-stop' AND query LIKE 'UNLISTEN %'`);
      expect(rows).toHaveLength(1);
      await pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await waitFor(() => poolErrors.length > 0 || uncaught.length > 0, 3_000, 'the pool to hear of the lost connection');

      expect(uncaught).toEqual([]);
      expect(poolErrors.map((error) => error.message)).toEqual(['terminating connection due to administrator command']);
      expect(warnings).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await own.end();
    }
  });

  it('listens again on a new connection when its LISTEN connection is lost while running', async () => {
    const own = new Pool({ connectionString: db.url, max: 3, application_name: 'relay-relisten' });
    own.on('error', () => undefined);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const listening = async () =>
      (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'relay-relisten' AND query LIKE 'LISTEN %'`)).rows.map((row) => row.pid);
    const relay = new OutboxRelayService({ pool: own, schema: SCHEMA, publisher: recordingBus().bus, pollIntervalMs: 100, logger });
    try {
      await relay.start();
      const [first] = await listening();
      expect(first).toBeDefined();
      await pool.query('SELECT pg_terminate_backend($1)', [first]);
      await waitFor(async () => (await listening()).some((pid) => pid !== first), 3_000, 'a new LISTEN connection');
      expect(warnings).toEqual(['outbox relay lost its LISTEN connection']);
    } finally {
      await relay.stop();
      await own.end();
    }
  });

  it('keeps per-key order when several relays drain one outbox at once', async () => {
    const outbox = new OutboxService({ schema: SCHEMA });
    await pgTransactional(pool)((tx) => outbox.enqueue(tx, topic, sequenceEnvelopes(topic, 20, 100)));
    const { bus, seen } = recordingBus();
    await bus.start();
    // Publishing takes a random while, so without the per-key guard a later round could
    // overtake an earlier one.
    const slow = {
      publish: bus.publish.bind(bus),
      publishRecords: async (records: OutgoingRecord[]) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
        await bus.publishRecords(records);
      },
    };
    const relays = [1, 2, 3].map(() => new OutboxRelayService({ pool, schema: SCHEMA, publisher: slow, batchSize: 37, listen: false, logger: silentLogger }));
    await Promise.all(relays.map((relay) => relay.start()));
    await waitFor(() => seen.length >= 2_000, 30_000, 'every event');
    await Promise.all(relays.map((relay) => relay.stop()));
    await bus.stop();
    assertOrderedPerKey(seen, 20, 100);
  }, 60_000);
});

describe(IdempotentConsumer.name, () => {
  let db: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_idempotent');
    pool = new Pool({ connectionString: db.url, max: 4 });
    await migrate(pool);
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
    await db?.drop();
  });

  const context = { topic: topic.name, partition: 0, offset: '0', group: 'g', attempt: 1, headers: {}, backlog: 0 };

  it('applies an event once per group, however often it comes', async () => {
    const effects = (group: string) =>
      new IdempotentConsumer<EntityManager, EventEnvelope<SequenceStep>>({
        transactional: typeOrmTransactional(dataSource),
        schema: SCHEMA,
        group,
        apply: async (manager, envelope) => {
          await manager.query(`INSERT INTO ${SCHEMA}.effects (event_id, key, seq) VALUES ($1, $2, $3)`, [envelope.id, envelope.payload.key, envelope.payload.seq]);
        },
      });
    const first = effects('billing');
    const [a, b] = sequenceEnvelopes(topic, 1, 2);
    await first.batchHandler([a, b, a], context);
    await first.handler(b, context);
    await effects('reports').handler(a, context);
    expect(first.stats).toEqual({ applied: 2, duplicates: 2 });
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects`);
    expect(rows[0].n).toBe(3);
  });

  it('forgets the event id when the effect fails, so the retry applies it', async () => {
    let fail = true;
    const consumer = new IdempotentConsumer<PoolClient, EventEnvelope<SequenceStep>>({
      transactional: pgTransactional(pool),
      schema: SCHEMA,
      group: 'flaky',
      apply: async (tx, envelope) => {
        await tx.query(`INSERT INTO ${SCHEMA}.effects (event_id, key, seq) VALUES ($1, $2, $3)`, [envelope.id, envelope.payload.key, envelope.payload.seq]);
        if (fail) throw new Error('effect failed after its first write');
      },
    });
    const [event] = sequenceEnvelopes(topic, 1, 1);
    await expect(consumer.handler(event, context)).rejects.toThrow('effect failed after its first write');
    fail = false;
    await consumer.handler(event, context);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = $1`, [event.id]);
    expect(rows[0].n).toBe(1);
    expect(await consumer.purgeProcessed(pool, new Date(Date.now() + 60_000))).toBe(1);
  });
});
