import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CATALOG_CHANGES_TOPIC, createEnvelope, type CatalogPublishedPayload } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';
import type { EventBus } from '@underpin/messaging';
import { createTestDatabase, describeOnEachBus, meetingsExample, waitUntil, type TestBus, type TestDatabase } from '@underpin/testing';
import { Client } from 'pg';
import { readPlatformConfig } from '../config/platform.config';
import { ServiceCoreModule } from '../service/service-core.module';
import { catalogReplicaGroup } from './catalog-replica.module';
import type { ServiceRuntime } from '../service/service-runtime.type';
import { CatalogReplicaService } from './catalog-replica.service';
import type { CatalogSnapshot } from './catalog-replica.type';

const SCHEMA = 'replica_probe';
const GROUPS = [catalogReplicaGroup(SCHEMA)];

@Module({})
class ReplicaProbeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return { module: ReplicaProbeModule, imports: [ServiceCoreModule.forService(runtime, { schema: SCHEMA, catalogReplica: { refreshMs: 50 } })] };
  }
}

function meetings(): Catalog {
  return meetingsExample().catalog;
}

function published(payload: CatalogPublishedPayload, id?: string) {
  return createEnvelope(CATALOG_CHANGES_TOPIC, 'catalog.published', payload, { source: 'ola-chaining', ...(id ? { id } : {}) });
}

describeOnEachBus(`${CatalogReplicaService.name} over PostgreSQL`, (buses) => {
  let db: TestDatabase;
  let bus: TestBus;
  let runtime: ServiceRuntime;
  const apps: INestApplicationContext[] = [];
  const changes: Array<{ instance: string; next: string; previous?: string }> = [];

  /** An instance of the service; one in another process gets a bus of its own (`bus.replicaBus()`). */
  async function boot(instance: string, on: EventBus = bus.bus): Promise<CatalogReplicaService> {
    const app = await NestFactory.createApplicationContext(ReplicaProbeModule.forRoot({ ...runtime, bus: on }), { logger: false });
    apps.push(app);
    const replica = app.get(CatalogReplicaService);
    replica.onChange((next: CatalogSnapshot, previous?: CatalogSnapshot) => {
      changes.push({ instance, next: next.revision, previous: previous?.revision });
    });
    return replica;
  }

  async function stop(index: number): Promise<void> {
    await apps[index].close();
  }

  beforeAll(async () => {
    db = await createTestDatabase('catalog_replica');
    bus = await buses.create({ name: 'catalog_replica' });
    runtime = { config: readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' }, { bus: buses.name }), bus: bus.bus, now: Date.now };
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await bus?.dispose();
    await db?.drop();
  });

  it('stores a published catalogue, moves memory, tells listeners once, and ignores repeats', async () => {
    const catalog = meetings();
    const replica = await boot('a');
    expect(replica.current()).toBeUndefined();

    const first = published({ revision: 'r1', catalog, source: ['catalog.yaml'], at: '2026-03-02T08:00:00Z' });
    await bus.publish(CATALOG_CHANGES_TOPIC, [first], GROUPS);
    await waitUntil('the replica to apply r1', () => replica.current()?.revision === 'r1');
    expect(replica.current()).toEqual({ revision: 'r1', catalog, publishedAt: '2026-03-02T08:00:00.000Z', seq: expect.any(Number) });
    expect(changes).toEqual([{ instance: 'a', next: 'r1', previous: undefined }]);

    // Redelivery, a re-announcement of the same revision, and the audit events change nothing.
    const audit = createEnvelope(CATALOG_CHANGES_TOPIC, 'agreement.published', { agreement: 'sla-acme-video', kind: 'SLA', revision: 'a1', at: '2026-03-02T09:00:00Z' }, { source: 'ola-chaining' });
    await bus.publish(CATALOG_CHANGES_TOPIC, [first, published({ revision: 'r1', catalog, at: '2026-03-02T09:00:00Z' }), audit], GROUPS);
    expect(changes).toHaveLength(1);
    expect(replica.current()?.publishedAt).toBe('2026-03-02T08:00:00.000Z');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT revision, catalog->'agreements'->0->>'id' AS first, source FROM ${SCHEMA}.catalog_replica`);
      expect(rows).toEqual([{ revision: 'r1', first: 'sla-acme-video', source: ['catalog.yaml'] }]);
    } finally {
      await client.end();
    }
  });

  it('runs listeners once per change across instances of one service, and every instance catches up', async () => {
    const a = apps.length === 1 ? apps[0].get(CatalogReplicaService) : await boot('a');
    const b = await boot('b', await bus.replicaBus());
    expect(b.current()?.revision).toBe('r1');
    const catalog = meetings();
    const next = { ...catalog, agreements: catalog.agreements.filter((agreement) => agreement.id !== 'uc-roomtech') };
    await bus.publish(CATALOG_CHANGES_TOPIC, [published({ revision: 'r2', catalog: next, at: '2026-03-03T08:00:00Z' })], GROUPS);
    await waitUntil('both instances to hold r2', () => a.current()?.revision === 'r2' && b.current()?.revision === 'r2');
    expect(changes.filter((change) => change.next === 'r2')).toEqual([{ instance: expect.stringMatching(/^[ab]$/), next: 'r2', previous: 'r1' }]);
    expect(b.current()?.catalog.agreements.map((agreement) => agreement.id)).not.toContain('uc-roomtech');
  });

  it('reloads the stored catalogue and its history after a restart', async () => {
    await stop(0);
    await stop(1);
    const restarted = await boot('c');
    expect(restarted.current()?.revision).toBe('r2');
    expect(restarted.current()?.catalog.agreements).toHaveLength(meetings().agreements.length - 1);
    const history = restarted.versions();
    expect(history.map(({ revision, publishedAt }) => ({ revision, publishedAt }))).toEqual([
      { revision: 'r1', publishedAt: '2026-03-02T08:00:00.000Z' },
      { revision: 'r2', publishedAt: '2026-03-03T08:00:00.000Z' },
    ]);
    expect(history[1].seq).toBe(restarted.current()?.seq);
    expect((await restarted.catalogOf(history[0].seq)).agreements.map((agreement) => agreement.id)).toContain('uc-roomtech');
  });
});
