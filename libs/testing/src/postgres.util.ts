// One throwaway database per test file (or per test), on the server chosen by the global setup,
// so tests never see each other's rows and may run migrations freely.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_PG_ADMIN_URL_ENV } from './postgres-server.util';

export interface TestDatabase {
  /** Connection URL of the new database (same server, user and options as the admin URL). */
  readonly url: string;
  readonly name: string;
  /** Terminates the database's open connections and drops it; safe to call twice. */
  drop(): Promise<void>;
}

/** The admin URL the integration global setup published; throws if the setup did not run. */
export function testPostgresAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[TEST_PG_ADMIN_URL_ENV];
  if (!url) {
    throw new Error(
      `${TEST_PG_ADMIN_URL_ENV} is not set: run integration specs through the Jest "integration" project ` +
        '(npm test, or npx jest <path> for a *.integration-spec.ts), whose global setup provides PostgreSQL.',
    );
  }
  return url;
}

/** Lower-case, [a-z0-9_] only, at most 63 bytes (PostgreSQL's identifier limit). */
export function uniqueDatabaseName(prefix = 'test'): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'test';
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  return `${clean.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'test', adminUrl = testPostgresAdminUrl()): Promise<TestDatabase> {
  const name = uniqueDatabaseName(prefix);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  let dropped = false;
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      if (dropped) return;
      await withAdmin(adminUrl, async (client) => {
        // pg's pool.end() resolves once it has asked its clients to close, not once they have:
        // terminating a session still closing would raise an error in a pool that may have no
        // listener left. Sessions on their way out get a moment; the rest are terminated.
        const sessions = async () =>
          Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])).rows[0]?.n ?? 0);
        for (const deadline = Date.now() + 2_000; Date.now() < deadline && (await sessions()) > 0; ) await new Promise((resolve) => setTimeout(resolve, 20));
        // Pools in the code under test may still hold connections; DROP would wait or fail on them.
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version_num') AS version");
        const force = Number(rows[0]?.version) >= 130000 ? ' WITH (FORCE)' : '';
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}${force}`);
      });
      dropped = true;
    },
  };
}
