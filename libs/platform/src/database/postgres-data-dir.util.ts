// The embedded server's data folder: what is in it before a start, and the port it keeps.
import { existsSync, readdirSync, readFileSync, statSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresException } from './embedded-postgres.exception';

export type DataDirState = 'absent' | 'empty' | 'cluster';

/**
 * Refuses, in one line, a folder initdb or postgres would only fail on with pages of output:
 * a file, or a folder that has other things in it than a PostgreSQL data directory.
 */
export function inspectDataDir(dir: string): DataDirState {
  if (!existsSync(dir)) return 'absent';
  if (!statSync(dir).isDirectory()) throw new EmbeddedPostgresException(`the PostgreSQL data folder ${dir} is a file, not a folder: choose a new or empty folder`);
  if (existsSync(join(dir, 'PG_VERSION'))) return 'cluster';
  if (readdirSync(dir).length === 0) return 'empty';
  throw new EmbeddedPostgresException(`${dir} is not empty and is not a PostgreSQL data folder: choose a new or empty folder for the embedded PostgreSQL`);
}

const PORT_SETTING = /^\s*port\s*=\s*'?(\d+)'?\s*(?:#.*)?$/gm;

/**
 * The port the cluster's own settings name (postgresql.auto.conf, written by ALTER SYSTEM,
 * wins over postgresql.conf, as in PostgreSQL itself); undefined when neither sets one.
 */
export function storedPort(dir: string): number | undefined {
  for (const file of ['postgresql.auto.conf', 'postgresql.conf']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const settings = [...readFileSync(path, 'utf8').matchAll(PORT_SETTING)];
    const last = settings.at(-1);
    if (last) return Number(last[1]);
  }
  return undefined;
}

/**
 * Records in postgresql.conf the port a fresh cluster first ran on, so the next start uses it
 * again (clients configured once keep working) and a plain `postgres -D <dir>` agrees.
 */
export function storePort(dir: string, port: number): void {
  appendFileSync(join(dir, 'postgresql.conf'), `\n# The port this data folder was set up with; later starts use it again while it is free.\nport = ${port}\n`);
}
