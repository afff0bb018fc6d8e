import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { CATALOG_CHANGES_TOPIC, type EnvelopeOf } from '@underpin/contracts';
import {
  CatalogReplicaService,
  ServiceCoreModule,
  readPlatformConfig,
  startService,
  type CatalogSnapshot,
  type RunningService,
  type ServiceDefinition,
  type ServiceRuntime,
} from '@underpin/platform';
import { createTestDatabase, describeOnEachBus, meetingsCatalogFiles, waitUntil, type TestBus, type TestDatabase } from '@underpin/testing';
import { Client } from 'pg';
import { olaChainingServiceWith } from '../src/ola-chaining.module';
import { EXTRA_FILE, catalogFolder } from './catalog-fixtures.util';

type CatalogChange = EnvelopeOf<typeof CATALOG_CHANGES_TOPIC>;
type Gql<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** Another service as far as the catalogue goes: nothing but a replica. */
@Module({})
class ReplicaProbeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return { module: ReplicaProbeModule, imports: [ServiceCoreModule.forService(runtime, { schema: 'replica_probe', catalogReplica: true })] };
  }
}

const probeService: ServiceDefinition = { name: 'replica-probe', subgraph: false, module: (runtime) => ReplicaProbeModule.forRoot(runtime) };

const PUBLISH = `mutation Publish($files: [CatalogFileInput!]!) { publishCatalog(files: $files) { revision published changedAgreements retiredAgreements } }`;

describeOnEachBus('catalogue replication from ola-chaining to another service', (buses) => {
  let db: TestDatabase;
  let bus: TestBus;
  let runtime: ServiceRuntime;
  let olaChaining: RunningService | undefined;
  let probe: RunningService | undefined;
  let folder: string;
  const now = Date.parse('2026-03-01T09:00:00Z');
  const seen: CatalogChange[] = [];
  const changes: Array<{ next: string; previous?: string }> = [];
  const revisions: string[] = [];

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<Gql<T>> {
    const res = await fetch(`${olaChaining!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Gql<T>;
  }

  async function startProbe(): Promise<CatalogReplicaService> {
    probe = await startService(probeService, runtime, { port: 0 });
    const replica = probe.app.get(CatalogReplicaService);
    replica.onChange((next: CatalogSnapshot, previous?: CatalogSnapshot) => void changes.push({ next: next.revision, previous: previous?.revision }));
    return replica;
  }

  /** Until the observer has handled everything on the topic, on either bus. */
  const observed = () => bus.handled(CATALOG_CHANGES_TOPIC, ['test-observer']);

  async function versions(): Promise<number> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM ola_chaining.catalog_versions')).rows[0].n);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('ola_chaining_replication');
    bus = await buses.create({ name: 'ola_chaining_replication' });
    bus.bus.subscribe({ topic: CATALOG_CHANGES_TOPIC, group: 'test-observer', handler: async (envelope) => void seen.push(envelope) });
    runtime = { config: readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' }, { bus: buses.name }), bus: bus.bus, now: () => now };
    folder = catalogFolder(meetingsCatalogFiles());
  }, 60_000);

  afterAll(async () => {
    await probe?.close();
    await olaChaining?.close();
    await bus?.dispose();
    await db?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the folder named by UNDERPIN_CATALOG at boot, and the replica receives it', async () => {
    const replica = await startProbe();
    expect(replica.current()).toBeUndefined();
    olaChaining = await startService(olaChainingServiceWith({ catalogPath: folder }), runtime, { port: 0 });

    const { data } = await gql<{ catalog: { revision: string; files: string[]; publishedAt: string } }>(`{ catalog { revision files publishedAt } }`);
    const revision = data!.catalog.revision;
    revisions.push(revision);
    // Folder files in name order, named as the setting names them; time from the runtime's clock.
    expect(data!.catalog).toEqual({ revision, files: [join(folder, 'agreements.yaml'), join(folder, 'base.yaml')], publishedAt: '2026-03-01T09:00:00.000Z' });

    await waitUntil('the replica to receive the boot catalogue', () => replica.current()?.revision === revision);
    expect(replica.current()!.catalog.agreements).toHaveLength(8);
    expect(replica.current()!.publishedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(changes).toEqual([{ next: revision, previous: undefined }]);

    await observed();
    const published = seen.filter((e) => e.type === 'catalog.published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ key: 'catalog', source: 'ola-chaining', occurredAt: '2026-03-01T09:00:00.000Z', payload: { revision } });
    expect(seen.filter((e) => e.type === 'agreement.published').map((e) => e.key)).toHaveLength(8);
  });

  it('carries each later version, a return to an earlier content included, with audit events per changed agreement', async () => {
    const replica = probe!.app.get(CatalogReplicaService);
    const before = seen.length;
    const added = await gql<{ publishCatalog: { revision: string; published: boolean; changedAgreements: string[]; retiredAgreements: string[] } }>(PUBLISH, {
      files: [...meetingsCatalogFiles(), EXTRA_FILE],
    });
    expect(added.data!.publishCatalog).toMatchObject({ published: true, changedAgreements: ['uc-extra'], retiredAgreements: [] });
    revisions.push(added.data!.publishCatalog.revision);
    const removed = await gql<{ publishCatalog: { revision: string; published: boolean; retiredAgreements: string[] } }>(PUBLISH, { files: meetingsCatalogFiles() });
    // The content of version 1 again: a new version, since it differs from the one in force.
    expect(removed.data!.publishCatalog).toMatchObject({ revision: revisions[0], published: true, retiredAgreements: ['uc-extra'] });

    await waitUntil('the replica to follow both versions', () => changes.length === 3);
    expect(changes.slice(1)).toEqual([
      { next: revisions[1], previous: revisions[0] },
      { next: revisions[0], previous: revisions[1] },
    ]);
    expect(replica.current()?.catalog.agreements.map((a) => a.id)).not.toContain('uc-extra');
    await observed();
    // Order holds per key (one key, one partition); the catalogue's and an agreement's events
    // travel on different partitions, which Kafka may hand over in either order.
    const later = seen.slice(before);
    expect(later).toHaveLength(4);
    expect(later.filter((e) => e.key === 'catalog').map((e) => `${e.type}:${(e.payload as { revision: string }).revision}`)).toEqual([
      `catalog.published:${revisions[1]}`,
      `catalog.published:${revisions[0]}`,
    ]);
    expect(later.filter((e) => e.key === 'uc-extra').map((e) => e.type)).toEqual(['agreement.published', 'agreement.retired']);
    expect(await versions()).toBe(3);
  });

  it('gives a restarted service the catalogue from its own table', async () => {
    await probe!.close();
    const replica = await startProbe();
    expect(replica.current()?.revision).toBe(revisions[0]);
    expect(replica.current()?.catalog.agreements).toHaveLength(8);
    expect(changes).toHaveLength(3);
  });

  it('keeps the version in force when the boot catalogue is invalid, and announces it again for late replicas', async () => {
    await olaChaining!.close();
    writeFileSync(join(folder, 'zz-broken.yaml'), 'apiVersion: underpin/v1\nagreements:\n  - { id: sla-x, kind: SLA, provider: nobody, consumer: acme, objectives: [] }\n');
    const before = seen.length;
    olaChaining = await startService(olaChainingServiceWith({ catalogPath: folder }), runtime, { port: 0 });

    expect((await fetch(`${olaChaining.url}/health`)).status).toBe(200);
    const { data } = await gql<{ catalog: { revision: string } }>(`{ catalog { revision } }`);
    expect(data!.catalog.revision).toBe(revisions[0]);
    expect(await versions()).toBe(3);
    await waitUntil('the announcement of the catalogue in force', () => seen.length > before);
    await observed();
    expect(seen.slice(before).map((e) => [e.type, (e.payload as { revision: string }).revision])).toEqual([['catalog.published', revisions[0]]]);
    // The replica holds that revision already: nothing changes, no listener runs.
    expect(changes).toHaveLength(3);
  });

  it('answers the subgraph with the problems of a broken catalogue and publishes nothing', async () => {
    const before = seen.length;
    const broken = await gql<unknown>(PUBLISH, { files: [{ path: 'broken.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - { id: acme, kind: client }\n' }] });
    expect(broken.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ file: 'broken.yaml', line: 3, column: expect.any(Number), path: 'parties[0].kind', message: expect.stringContaining('customer') }],
    });
    expect(await versions()).toBe(3);
    await observed();
    expect(seen).toHaveLength(before);
  });
});
