import { testPostgresAdminUrl, uniqueDatabaseName } from './postgres.util';
import { TEST_PG_ADMIN_URL_ENV } from './postgres-server.util';

describe(uniqueDatabaseName.name, () => {
  it('keeps names within PostgreSQL identifier rules', () => {
    const name = uniqueDatabaseName(`Weird Prefix-${'x'.repeat(100)}`);
    expect(name).toMatch(/^[a-z0-9_]+$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.startsWith('weird_prefix_x')).toBe(true);
  });

  it('never repeats a name', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueDatabaseName('same')));
    expect(names.size).toBe(200);
  });
});

describe(testPostgresAdminUrl.name, () => {
  it('names the missing variable instead of failing on a connection later', () => {
    expect(() => testPostgresAdminUrl({})).toThrow(TEST_PG_ADMIN_URL_ENV);
    expect(testPostgresAdminUrl({ [TEST_PG_ADMIN_URL_ENV]: 'postgres://a@h/db' })).toBe('postgres://a@h/db');
  });
});
