import type { ServiceRuntime } from '@underpin/platform';
import type { DataSource } from 'typeorm';
import type { MetricsIngestionConfig } from '../config/metrics-ingestion.config';
import { ApiKeyAuthenticatorService } from './api-key-authenticator.service';
import type { ApiKeyEntity } from './api-key.entity';
import { generateApiKey } from './api-key.util';

/** A table of keys behind a repository that counts its lookups. */
function keyTable() {
  const rows: ApiKeyEntity[] = [];
  const lookups = { count: 0 };
  const dataSource = {
    getRepository: () => ({
      findOne: async ({ where }: { where: { keyHash: Buffer } }) => {
        lookups.count += 1;
        return rows.find((row) => row.keyHash.equals(where.keyHash)) ?? null;
      },
    }),
  } as unknown as DataSource;
  const add = (id: string) => {
    const minted = generateApiKey();
    const row = { id, name: id, keyHash: minted.hash, keyPrefix: minted.prefix, services: ['video'], regions: [], createdAt: new Date(0), revokedAt: null } as ApiKeyEntity;
    rows.push(row);
    return { key: minted.key, row };
  };
  return { dataSource, add, lookups };
}

describe(ApiKeyAuthenticatorService.name, () => {
  let now = 0;
  const runtime = { now: () => now } as unknown as ServiceRuntime;
  const config = (keyCacheTtlMs: number) => ({ keyCacheTtlMs }) as MetricsIngestionConfig;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('trusts a found key for the cache time, then asks again', async () => {
    const table = keyTable();
    const { key, row } = table.add('key-1');
    const authenticator = new ApiKeyAuthenticatorService(table.dataSource, config(5_000), runtime);
    expect(await authenticator.authenticate(key)).toEqual({ id: 'key-1', name: 'key-1', services: new Set(['video']), regions: new Set() });
    now += 4_999;
    await authenticator.authenticate(key);
    expect(table.lookups.count).toBe(1);
    row.revokedAt = new Date(now);
    now += 1;
    expect(await authenticator.authenticate(key)).toBeUndefined();
    expect(table.lookups.count).toBe(2);
  });

  it('refuses a key revoked through it at once, and never caches an unknown one', async () => {
    const table = keyTable();
    const { key, row } = table.add('key-1');
    const authenticator = new ApiKeyAuthenticatorService(table.dataSource, config(60_000), runtime);
    expect(await authenticator.authenticate(key)).toBeDefined();
    row.revokedAt = new Date(now);
    authenticator.forget('key-1');
    expect(await authenticator.authenticate(key)).toBeUndefined();
    expect(await authenticator.authenticate('upk_unknown')).toBeUndefined();
    expect(await authenticator.authenticate('upk_unknown')).toBeUndefined();
    expect(table.lookups.count).toBe(4);
  });

  it('does not cache a lookup that was running while a key was revoked', async () => {
    const table = keyTable();
    const { key } = table.add('key-1');
    const authenticator = new ApiKeyAuthenticatorService(table.dataSource, config(60_000), runtime);
    const racing = authenticator.authenticate(key);
    authenticator.forget('key-1');
    await racing;
    await authenticator.authenticate(key);
    expect(table.lookups.count).toBe(2);
  });

  it('shares one lookup among concurrent requests with one key', async () => {
    const table = keyTable();
    const { key } = table.add('key-1');
    const authenticator = new ApiKeyAuthenticatorService(table.dataSource, config(0), runtime);
    const found = await Promise.all([authenticator.authenticate(key), authenticator.authenticate(key), authenticator.authenticate(key)]);
    expect(found.map((k) => k?.id)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(table.lookups.count).toBe(1);
    await authenticator.authenticate(key);
    expect(table.lookups.count).toBe(2);
  });
});
