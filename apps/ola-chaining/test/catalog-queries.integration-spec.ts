import { InProcessEventBusService, silentLogger } from '@underpin/messaging';
import { readPlatformConfig, startService, type RunningService } from '@underpin/platform';
import { createTestDatabase, meetingsCatalogFiles, type TestDatabase } from '@underpin/testing';
import { CatalogVersionsService } from '../src/catalog/catalog-versions.service';
import { olaChainingService } from '../src/ola-chaining.module';
import { EXTRA_FILE } from './catalog-fixtures.util';

type Gql<T> = { data?: T | null; errors?: Array<{ message: string }> };
type Nodes<T> = { nodes: T[] };

const PUBLISH = `mutation Publish($files: [CatalogFileInput!]!) { publishCatalog(files: $files) { revision published } }`;

const LISTS = `{
  catalog {
    parties(first: 3) { nodes { id kind name } }
    calendars { nodes { id timezone weekly { day from to } holidays } }
    maintenance { nodes { id timezone weekly { day from to } oneOff { from to } } }
    services(first: 2) { nodes { id name regions dependsOn } }
    agreement(id: "uc-meetcloud") { id providerParty { id kind } consumerParty { id kind } findings { kind } }
    findings(first: 500) { nodes { agreement objective kind } }
  }
}`;

/** A variant of the example that differs from it by one agreement, to publish a new revision. */
function variant(n: number): Array<{ path: string; text: string }> {
  return [...meetingsCatalogFiles(), { path: EXTRA_FILE.path, text: EXTRA_FILE.text.replace('uc-extra', `uc-extra-${n}`) }];
}

describe('ola-chaining catalogue queries', () => {
  let db: TestDatabase;
  let bus: InProcessEventBusService;
  let service: RunningService;

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as Gql<T>;
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data!;
  }

  beforeAll(async () => {
    db = await createTestDatabase('ola_chaining_queries');
    bus = new InProcessEventBusService({ logger: silentLogger });
    await bus.start();
    const runtime = { config: readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' }, { bus: 'in-process' }), bus, now: () => Date.parse('2026-03-01T09:00:00Z') };
    service = await startService(olaChainingService, runtime, { port: 0 });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await bus?.stop();
    await db?.drop();
  });

  it("answers every list of the catalogue in force, and an agreement's parties and findings, from its version", async () => {
    await gql(PUBLISH, { files: meetingsCatalogFiles() });
    type Lists = {
      catalog: {
        parties: Nodes<{ id: string; kind: string; name: string | null }>;
        calendars: Nodes<{ id: string; timezone: string; weekly: Array<{ day: string; from: string; to: string }>; holidays: string[] }>;
        maintenance: Nodes<{ id: string; timezone: string; weekly: Array<{ day: string; from: string; to: string }>; oneOff: unknown[] }>;
        services: Nodes<{ id: string; name: string | null; regions: string[]; dependsOn: string[] }>;
        agreement: { id: string; providerParty: { id: string; kind: string }; consumerParty: { id: string; kind: string }; findings: Array<{ kind: string }> };
        findings: Nodes<{ agreement: string; objective: string | null; kind: string }>;
      };
    };
    const { catalog } = await gql<Lists>(LISTS);
    expect(catalog.parties.nodes).toEqual([
      { id: 'it', kind: 'team', name: 'Group IT' },
      { id: 'acme', kind: 'customer', name: 'ACME Sales AB' },
      { id: 'nordbank', kind: 'customer', name: 'Nordbank Treasury' },
    ]);
    expect(catalog.calendars.nodes.map((c) => c.id)).toEqual(['always', 'office-se', 'office-dk']);
    expect(catalog.calendars.nodes[1]).toMatchObject({ timezone: 'Europe/Stockholm', weekly: expect.arrayContaining([{ day: 'mon', from: '08:00', to: '16:00' }]) });
    expect(catalog.calendars.nodes[1].holidays).toContain('2026-12-24');
    expect(catalog.maintenance.nodes).toEqual([{ id: 'thu-evening', timezone: 'Europe/Stockholm', weekly: [{ day: 'thu', from: '16:00', to: '20:00' }], oneOff: [] }]);
    expect(catalog.services.nodes).toEqual([
      { id: 'video-meetings', name: 'Video meetings', regions: ['eu-north', 'eu-west', 'na-east'], dependsOn: ['meeting-platform', 'corporate-network', 'internet', 'identity', 'room-systems'] },
      { id: 'meeting-platform', name: 'MeetCloud tenant', regions: ['eu-north', 'eu-west', 'na-east'], dependsOn: [] },
    ]);
    expect(catalog.agreement).toMatchObject({ id: 'uc-meetcloud', providerParty: { id: 'meetcloud', kind: 'vendor' }, consumerParty: { id: 'it', kind: 'team' } });
    const meetcloudFindings = catalog.findings.nodes.filter((finding) => finding.agreement === 'uc-meetcloud');
    expect(catalog.agreement.findings.map((f) => f.kind)).toEqual(meetcloudFindings.map((f) => f.kind));
    expect(catalog.findings.nodes.some((f) => f.agreement === 'sla-nordbank-video' && f.objective === 'p1-resolution' && f.kind === 'calendar-gap')).toBe(true);
  });

  it('finds the index of a revision no longer cached from the versions table, and refuses one never published', async () => {
    const first = (await gql<{ catalog: { revision: string } }>(`{ catalog { revision } }`)).catalog.revision;
    const versions = service.app.get(CatalogVersionsService);
    const cached = await versions.byRevision(first);
    expect(await versions.byRevision(first)).toBe(cached);
    // More versions than the service keeps indexed, so the first one must be read again.
    for (let n = 1; n <= 5; n++) expect((await gql<{ publishCatalog: { published: boolean } }>(PUBLISH, { files: variant(n) })).publishCatalog.published).toBe(true);
    const index = await versions.byRevision(first);
    expect(index).not.toBe(cached);
    expect(index.revision).toBe(first);
    expect(index.agreement('uc-extra-1')).toBeUndefined();
    expect(index.agreements().map((agreement) => agreement.catalogRevision)).toEqual(index.agreements().map(() => first));
    await expect(versions.byRevision('0'.repeat(64))).rejects.toThrow(`catalogue revision ${'0'.repeat(64)} is not stored`);
  });
});
