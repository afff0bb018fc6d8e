import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { waitUntil } from '@underpin/testing';

/** `npm start` as a newcomer runs it from a terminal: its own process group, no DATABASE_URL. */
export class PlatformProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private printed = '';

  constructor(
    readonly dataDir: string,
    env: Record<string, string>,
  ) {
    const root = repoRoot();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', UNDERPIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
    delete childEnv['DATABASE_URL'];
    delete childEnv['UNDERPIN_EMBEDDED_PG_PORT'];
    // detached: the process leads a group of its own, as a terminal's foreground job does.
    this.child = spawn(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, 'apps/all-in-one/src/main.ts')], {
      cwd: root,
      env: childEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.on('data', (chunk: Buffer) => (this.printed += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.printed;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The GraphQL URL it prints once it runs. */
  async graphqlUrl(): Promise<string> {
    await waitUntil('the platform to say where it runs', () => /GraphQL: http:\/\/\S+\/graphql/.test(this.printed) || !this.running, { timeoutMs: 150_000 });
    const url = /GraphQL: (http:\/\/\S+\/graphql)/.exec(this.printed)?.[1];
    if (!url) throw new Error(`the platform exited (code ${this.child.exitCode}) without saying where it runs`);
    return url;
  }

  /** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
  ctrlC(): void {
    process.kill(-this.child.pid!, 'SIGINT');
  }

  /** Resolves with the exit code, or a sentence when the process is still running after `ms`. */
  exitWithin(ms: number): Promise<number | null | string> {
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`still running ${ms / 1000} s later`), ms).unref());
    return Promise.race([this.exited, timeout]);
  }

  /**
   * The embedded server's pid and port once it accepts connections, from its lock file
   * (initdb's bootstrap server writes one too, with a negative pid and the default port).
   */
  postgres(): { pid: number; port: number } | undefined {
    const server = this.lockFile();
    return server && server.pid > 0 && server.status === 'ready' ? { pid: server.pid, port: server.port } : undefined;
  }

  private lockFile(): { pid: number; port: number; status: string | undefined } | undefined {
    const path = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(path)) return undefined;
    const lines = readFileSync(path, 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]), status: lines[7]?.trim() };
  }

  /** Leaves nothing behind, whatever state a failed test left the processes in. */
  async kill(): Promise<void> {
    const server = this.lockFile();
    if (this.running) process.kill(-this.child.pid!, 'SIGKILL');
    await this.exited;
    if (server && server.pid > 0 && alive(server.pid)) {
      process.kill(server.pid, 'SIGQUIT');
      await waitUntil('the embedded PostgreSQL to exit', () => !alive(server.pid), { timeoutMs: 30_000 });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
