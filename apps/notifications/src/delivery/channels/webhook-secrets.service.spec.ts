import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogReplicaService } from '@underpin/platform';
import { readNotificationsConfig } from '../../config/notifications.config';
import { WebhookSecretsService } from './webhook-secrets.service';

const KEY = 'k3y-0123456789abcdef';

describe(WebhookSecretsService.name, () => {
  let dir: string;
  const replica = { current: () => undefined, onChange: () => () => undefined } as unknown as CatalogReplicaService;
  const secrets = new WebhookSecretsService(replica, readNotificationsConfig({ HOOK_KEY: KEY, EMPTY_KEY: '', SHORT_KEY: 'short' }));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'underpin-secrets-spec-'));
    await writeFile(join(dir, 'with-newline'), `${KEY}\n`);
    await writeFile(join(dir, 'crlf'), `${KEY}\r\n`);
    await writeFile(join(dir, 'inner-newlines'), `${KEY}\n\n`);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a key from a variable of the service', async () => {
    expect(await secrets.lookup({ env: 'HOOK_KEY' })).toEqual({ ok: true, secret: KEY });
  });

  it('names a variable that is missing or empty', async () => {
    expect(await secrets.lookup({ env: 'NOT_THERE' })).toEqual({ ok: false, reason: 'variable NOT_THERE is not set on the notifications service' });
    expect(await secrets.lookup({ env: 'EMPTY_KEY' })).toEqual({ ok: false, reason: 'variable EMPTY_KEY is not set on the notifications service' });
  });

  it('refuses a key too short to sign with', async () => {
    expect(await secrets.lookup({ env: 'SHORT_KEY' })).toEqual({ ok: false, reason: 'the key in variable SHORT_KEY has 5 characters; a signing key needs at least 16' });
  });

  it('reads a key from a file, without the one newline that ends it', async () => {
    expect(await secrets.lookup({ file: join(dir, 'with-newline') })).toEqual({ ok: true, secret: KEY });
    expect(await secrets.lookup({ file: join(dir, 'crlf') })).toEqual({ ok: true, secret: KEY });
    expect(await secrets.lookup({ file: join(dir, 'inner-newlines') })).toEqual({ ok: true, secret: `${KEY}\n` });
  });

  it('names a file it cannot read', async () => {
    const file = join(dir, 'missing');
    expect(await secrets.lookup({ file })).toEqual({ ok: false, reason: `file ${file} cannot be read by the notifications service (ENOENT)` });
  });
});
