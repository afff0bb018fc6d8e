import { CatalogReplicaService } from '@underpin/platform';
import { createTestDatabase, meetingsCatalogFiles, meetingsCatalogText, waitUntil, type TestDatabase } from '@underpin/testing';
import { Client } from 'pg';
import { startAllInOne, type AllInOne } from '../src/all-in-one-host.util';
import { graphql } from './graphql-client.util';

async function graphqlData<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(url, query, variables);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** The example split in two files, with ACME's P1 resolution target moved from 4h to 5h. */
function changedMeetingsFiles(): Array<{ path: string; text: string }> {
  const [base, agreements] = meetingsCatalogFiles('catalog/');
  const changed = agreements.text.replace('        target: 4h\n        calendar: always\n        pauseOn', '        target: 5h\n        calendar: always\n        pauseOn');
  if (!changed.includes('target: 5h')) throw new Error("the example changed: ACME's p1-resolution target was not found");
  return [base, { ...agreements, text: changed }];
}

const PUBLISH = `mutation Publish($files: [CatalogFileInput!]!) {
  publishCatalog(files: $files) { revision published publishedAt changedAgreements retiredAgreements agreements { nodes { id kind } pageInfo { endCursor hasNextPage } } }
}`;

const CATALOG = `{
  catalog {
    revision publishedAt files
    agreements { nodes { id kind provider consumer service objectives { id metric target priority calendar underpinnedBy { agreement objective } } } }
  }
}`;

const CHAIN = `query Chain($ref: ID!) {
  objective(ref: $ref) {
    ref target
    underpinnings { ref target agreement { kind providerParty { id kind } } underpins { nodes { ref } } }
    findings { kind detail }
  }
}`;

const AGREEMENTS_PAGE = `query ($after: String) { catalog { agreements(first: 500, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } } }`;

type Page<T> = { nodes: T[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
type Publication = { revision: string; published: boolean; publishedAt: string; changedAgreements: string[]; retiredAgreements: string[]; agreements: Page<{ id: string; kind: string }> };
type Objective = { id: string; metric: string; target: string; priority: string | null; calendar: string | null; underpinnedBy: Array<{ agreement: string; objective: string }> };
type CatalogView = { revision: string; publishedAt: string; files: string[]; agreements: { nodes: Array<{ id: string; kind: string; provider: string; consumer: string; service: string | null; objectives: Objective[] }> } };

describe('catalogue publication through the gateway', () => {
  let db: TestDatabase;
  let platform: AllInOne;
  let url: string;
  let bootRevision: string;

  const versionCount = async (): Promise<number> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM ola_chaining.catalog_versions')).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('ola_chaining_gateway');
    // No UNDERPIN_CATALOG: the host publishes the demo catalogue at boot.
    platform = await startAllInOne({ env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, port: 0 });
    url = `${platform.url}/graphql`;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('boots with the demo catalogue in force and every replica holding it', async () => {
    const { catalog } = await graphqlData<{ catalog: CatalogView }>(url, CATALOG);
    expect(catalog.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(catalog.files).toEqual([expect.stringMatching(/examples\/meetings\/catalog\.yaml$/)]);
    bootRevision = catalog.revision;

    // The services that keep a replica: sla-evaluation (clocks) and notifications (escalations),
    // which starts after ola-chaining in the service list and so depends on the boot announcement.
    const replicas = ['sla-evaluation', 'notifications'].map((name) => ({
      name,
      replica: platform.services.find((service) => service.name === name)!.app.get(CatalogReplicaService, { strict: false }),
    }));
    await waitUntil('every replica to hold the boot catalogue', () => replicas.every((r) => r.replica.current()?.revision === bootRevision));
  });

  it('publishing the meetings catalogue returns its revision, and the catalog shows ACME p1-resolution underpinned by three objectives', async () => {
    const { publishCatalog } = await graphqlData<{ publishCatalog: Publication }>(url, PUBLISH, { files: [{ path: 'catalog.yaml', text: meetingsCatalogText() }] });
    // Equal to the boot version: same model, so no new version and no event.
    expect(publishCatalog).toMatchObject({ revision: bootRevision, published: false, changedAgreements: [], retiredAgreements: [] });
    expect(publishCatalog.agreements.pageInfo.hasNextPage).toBe(false);
    expect(publishCatalog.agreements.nodes.map((a) => a.id)).toEqual([
      'sla-acme-video', 'sla-nordbank-video', 'ola-service-desk', 'ola-netops', 'ola-workplace', 'uc-meetcloud', 'uc-nordnet', 'uc-roomtech',
    ]);
    expect(await versionCount()).toBe(1);

    const { catalog } = await graphqlData<{ catalog: CatalogView }>(url, CATALOG);
    const acme = catalog.agreements.nodes.find((a) => a.id === 'sla-acme-video')!;
    expect(acme).toMatchObject({ kind: 'SLA', provider: 'it', consumer: 'acme', service: 'video-meetings' });
    expect(acme.objectives.find((o) => o.id === 'p1-resolution')).toEqual({
      id: 'p1-resolution',
      metric: 'resolution_time',
      target: '4h',
      priority: 'P1',
      calendar: 'always',
      underpinnedBy: [
        { agreement: 'ola-service-desk', objective: 'p1-handover' },
        { agreement: 'ola-netops', objective: 'p1-restore' },
        { agreement: 'uc-meetcloud', objective: 'p1-restore' },
      ],
    });
  });

  it('walks the chain from an SLA objective down to its underpinnings and back up', async () => {
    type Chain = { objective: { ref: string; target: string; underpinnings: Array<{ ref: string; target: string; agreement: { kind: string; providerParty: { id: string; kind: string } }; underpins: { nodes: Array<{ ref: string }> } }>; findings: Array<{ kind: string; detail: string }> } };
    const { objective } = await graphqlData<Chain>(url, CHAIN, { ref: 'sla-acme-video/p1-resolution' });
    expect(objective.underpinnings.map((u) => [u.ref, u.target, u.agreement.kind, u.agreement.providerParty.id])).toEqual([
      ['ola-service-desk/p1-handover', '15m', 'OLA', 'service-desk'],
      ['ola-netops/p1-restore', '2h', 'OLA', 'netops'],
      ['uc-meetcloud/p1-restore', '1h30m', 'UC', 'meetcloud'],
    ]);
    expect(objective.underpinnings[0].underpins.nodes.map((u) => u.ref)).toEqual(['sla-acme-video/p1-resolution', 'sla-nordbank-video/p1-resolution']);
    // The README: ACME's P1 chain (15 min + 2 h + 1 h 30 min under 4 h) fits.
    expect(objective.findings).toEqual([]);

    const nordbank = await graphqlData<Chain>(url, CHAIN, { ref: 'sla-nordbank-video/p1-resolution' });
    expect(nordbank.objective.findings.map((f) => f.kind)).toContain('calendar-gap');
    const { feasibility } = await graphqlData<{ feasibility: Page<{ agreement: string; objective: string | null; kind: string }> }>(
      url,
      `{ feasibility(agreement: "sla-acme-video") { nodes { agreement objective kind } pageInfo { hasNextPage } } }`,
    );
    expect(feasibility.nodes.map((f) => f.kind)).toEqual(expect.arrayContaining(['availability-composition', 'missing-underpinning']));
    expect(feasibility.nodes.every((f) => f.agreement === 'sla-acme-video')).toBe(true);
    expect(feasibility.pageInfo.hasNextPage).toBe(false);
  });

  it('publishes a changed catalogue from several files as a new version and replicas follow', async () => {
    const { publishCatalog } = await graphqlData<{ publishCatalog: Publication }>(url, PUBLISH, { files: changedMeetingsFiles() });
    expect(publishCatalog).toMatchObject({ published: true, changedAgreements: ['sla-acme-video'], retiredAgreements: [] });
    expect(publishCatalog.revision).not.toBe(bootRevision);
    expect(await versionCount()).toBe(2);

    const { agreement } = await graphqlData<{ agreement: { catalogRevision: string; objective: { target: string } } }>(
      url,
      `{ agreement(id: "sla-acme-video") { catalogRevision objective(id: "p1-resolution") { target } } }`,
    );
    expect(agreement).toEqual({ catalogRevision: publishCatalog.revision, objective: { target: '5h' } });
    const replica = platform.services.find((s) => s.name === 'sla-evaluation')!.app.get(CatalogReplicaService, { strict: false });
    await waitUntil('sla-evaluation to hold the new catalogue', () => replica.current()?.revision === publishCatalog.revision);
  });

  it('answers a broken catalogue with BAD_USER_INPUT listing every problem by file and line, and publishes nothing', async () => {
    const before = await graphqlData<{ catalog: { revision: string } }>(url, `{ catalog { revision } }`);
    const broken = meetingsCatalogText()
      .replace('target: 4h\n        calendar: always\n        pauseOn', 'target: 4 hours\n        calendar: always\n        pauseOn')
      .replace('underpinnedBy: [ola-service-desk/p1-handover, ola-netops/p1-restore, uc-meetcloud', 'underpinnedBy: [ola-service-desk/p1-handover, ola-netops/p1-restor, uc-meetcloud');
    const response = await graphql<unknown>(url, PUBLISH, { files: [{ path: 'catalog.yaml', text: broken }] });
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error.extensions?.['code']).toBe('BAD_USER_INPUT');
    const problems = error.extensions?.['problems'] as Array<{ file: string; line: number | null; column: number | null; path: string; message: string }>;
    expect(problems).toEqual([
      expect.objectContaining({ file: 'catalog.yaml', line: 58, path: 'agreements[0].objectives[4].target' }),
      expect.objectContaining({ file: 'catalog.yaml', line: expect.any(Number), path: expect.stringContaining('agreements[0].objectives[4].underpinnedBy[1]') }),
    ]);
    expect(problems[1].message).toContain('did you mean "p1-restore"');
    expect(error.message).toContain('catalog.yaml:58');
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\bat .*\.(ts|js):\d+/);

    const after = await graphqlData<{ catalog: { revision: string } }>(url, `{ catalog { revision } }`);
    expect(after.catalog.revision).toBe(before.catalog.revision);
    expect(await versionCount()).toBe(2);
  });

  it('names the offending field when files are missing or repeated', async () => {
    const none = await graphql<unknown>(url, PUBLISH, { files: [] });
    expect(none.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toContain('files: give at least one catalogue file');
    const twice = await graphql<unknown>(url, PUBLISH, { files: [{ path: 'a.yaml', text: meetingsCatalogText() }, { path: 'a.yaml', text: '' }] });
    expect(twice.errors?.[0]?.message).toContain('files[1].path: "a.yaml" is given twice');
  });

  it('takes a catalogue far larger than a default JSON body limit in one publishCatalog', async () => {
    const extra = Array.from(
      { length: 1_500 },
      (_, i) => `  - { id: ola-site-${i}, kind: OLA, provider: netops, consumer: it, objectives: [{ id: p1-restore, metric: restore_time, priority: P1, target: 2h, calendar: always }] }`,
    );
    const files = [...changedMeetingsFiles(), { path: 'catalog/sites.yaml', text: ['apiVersion: underpin/v1', 'agreements:', ...extra].join('\n') }];
    expect(JSON.stringify(files).length).toBeGreaterThan(200_000);
    const { publishCatalog } = await graphqlData<{ publishCatalog: Publication }>(url, PUBLISH, { files });
    expect(publishCatalog).toMatchObject({ published: true });
    // Its first page comes with the answer, the rest from catalog.agreements after it.
    expect(publishCatalog.agreements.nodes).toHaveLength(50);
    const ids = publishCatalog.agreements.nodes.map((a) => a.id);
    let after = publishCatalog.agreements.pageInfo.endCursor;
    for (let pages = 0; after !== null && pages < 10; pages++) {
      const { catalog }: { catalog: { agreements: Page<{ id: string }> } } = await graphqlData(url, AGREEMENTS_PAGE, { after });
      ids.push(...catalog.agreements.nodes.map((a) => a.id));
      after = catalog.agreements.pageInfo.hasNextPage ? catalog.agreements.pageInfo.endCursor : null;
    }
    expect(ids).toHaveLength(8 + 1_500);
    expect(new Set(ids).size).toBe(8 + 1_500);
    expect(ids.slice(-2)).toEqual(['ola-site-1498', 'ola-site-1499']);
  });

  it('pages the catalogue versions newest first, and refuses a cursor of a version no longer in force', async () => {
    const VERSIONS = `query ($after: String) { catalogVersions(first: 1, after: $after) { nodes { version } pageInfo { endCursor hasNextPage } } }`;
    type Versions = { catalogVersions: Page<{ version: number }> };
    const versions: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Versions = await graphqlData<Versions>(url, VERSIONS, { after });
      versions.push(...page.catalogVersions.nodes.map((v) => v.version));
      if (!page.catalogVersions.pageInfo.hasNextPage) break;
      after = page.catalogVersions.pageInfo.endCursor;
    }
    expect(versions).toEqual([3, 2, 1]);

    const first = await graphqlData<{ catalog: { agreements: Page<{ id: string }> } }>(url, AGREEMENTS_PAGE, { after: null });
    await graphqlData(url, PUBLISH, { files: changedMeetingsFiles() });
    const stale = await graphql(url, AGREEMENTS_PAGE, { after: first.catalog.agreements.pageInfo.endCursor });
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
    expect(stale.errors?.[0]?.message).toMatch(/^after: was given for version [0-9a-f]{64} of this list, which has changed since/);

    const tooMany = await graphql(url, `{ catalog { agreements(first: 501) { nodes { id } } } }`);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first: must be an integer between 1 and 500', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
