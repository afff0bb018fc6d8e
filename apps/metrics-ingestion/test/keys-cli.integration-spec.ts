import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InProcessEventBusService } from '@underpin/messaging';
import { readPlatformConfig, repoRoot, startService, type RunningService } from '@underpin/platform';
import { createTestDatabase, type TestDatabase } from '@underpin/testing';
import { readMetricsIngestionConfig } from '../src/config/metrics-ingestion.config';
import { metricsIngestionServiceWith } from '../src/metrics-ingestion.module';
import { ADMIN_TOKEN, IngestionClient } from './ingestion-client.util';

const run = promisify(execFile);

/** The `underpin` command as its own process, from source, as an operator runs it. */
async function underpin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = repoRoot();
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, 'apps/cli/src/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, INGESTION_ADMIN_TOKEN: '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('underpin keys against metrics-ingestion', () => {
  let db: TestDatabase;
  let bus: InProcessEventBusService;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('ingestion_cli');
    bus = new InProcessEventBusService();
    await bus.start();
    const platform = readPlatformConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error' }, { bus: 'in-process' });
    const config = readMetricsIngestionConfig({ INGESTION_ADMIN_TOKEN: ADMIN_TOKEN }, platform);
    service = await startService(metricsIngestionServiceWith(config), { config: platform, bus, now: () => Date.parse('2026-03-02T09:00:00Z') }, { port: 0 });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await bus?.stop();
    await db?.drop();
  });

  it('creates a key that sources can use, lists it, and revokes it so that it is refused', async () => {
    const created = await underpin(['keys', 'create', '--url', service.url, '--name', 'office probes', '--service', 'video-meetings', '--region', 'eu-north', '--region', 'eu-west'], {
      INGESTION_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    expect([created.code, created.stderr]).toEqual([0, '']);
    const [line, key, note] = created.stdout.split('\n');
    const id = line.split('  ')[0];
    expect(line).toMatch(/^key-[0-9a-f]{12}  upk_\S{6}…  active  created 2026-03-02T09:00:00\.000Z  "office probes"  services video-meetings  regions eu-north,eu-west$/);
    expect(key).toMatch(/^upk_[A-Za-z0-9_-]{43}$/);
    expect(note).toMatch(/^The key is shown this once/);

    const client = new IngestionClient(service.url);
    const sample = JSON.stringify([{ type: 'probe', at: '2026-03-02T08:59:00Z', service: 'video-meetings', region: 'eu-north', ok: true }]);
    expect((await client.send(key, sample)).status).toBe(200);

    const listed = await underpin(['keys', 'list', '--url', service.url, '--admin-token', ADMIN_TOKEN]);
    expect([listed.code, listed.stderr]).toEqual([0, '']);
    expect(listed.stdout).toBe(`${line}\n1 key: 1 active, 0 revoked\n`);
    expect(listed.stdout).not.toContain(key);

    const revoked = await underpin(['keys', 'revoke', id, '--url', service.url, '--json'], { INGESTION_ADMIN_TOKEN: ADMIN_TOKEN });
    expect([revoked.code, revoked.stderr]).toEqual([0, '']);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id, revokedAt: '2026-03-02T09:00:00.000Z' });
    expect(await client.send(key, sample)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  }, 120_000);

  it('says in one line what the service refused: a wrong token (exit 1), an unknown key (exit 2)', async () => {
    const wrongToken = await underpin(['keys', 'list', '--url', service.url, '--admin-token', `${ADMIN_TOKEN}-not`]);
    expect(wrongToken).toEqual({ code: 1, stdout: '', stderr: `underpin keys: ${service.url} answered 401: wrong admin token\n` });
    const unknown = await underpin(['keys', 'revoke', 'key-000000000000', '--url', service.url], { INGESTION_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'underpin keys: no API key "key-000000000000" (see "underpin keys --help")\n' });
    const refused = await underpin(['keys', 'create', '--url', service.url, '--name', 'n'.repeat(201), '--service', 'video-meetings'], { INGESTION_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'underpin keys: name: must have at most 200 characters, got 201 (see "underpin keys --help")\n' });
  }, 120_000);
});
