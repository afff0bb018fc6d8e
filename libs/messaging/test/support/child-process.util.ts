import { type ChildProcess, spawn } from 'node:child_process';
import { repositoryPath } from '@underpin/testing';

/** A TypeScript script run in its own Node process, reporting JSON lines on stdout. */
export class ChildScript {
  readonly messages: Array<Record<string, unknown>> = [];
  readonly stderr: string[] = [];
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(script: string, env: Record<string, string>, readonly name: string) {
    this.child = spawn(process.execPath, ['-r', repositoryPath('tools', 'runtime', 'register-source.js'), script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) this.messages.push(JSON.parse(line) as Record<string, unknown>);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the first message satisfying `match`; fails if the process exits first. */
  async waitForMessage(match: (message: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (exited) throw new Error(`${this.name} exited before the expected message; ${this.describe()}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no expected message within ${timeoutMs} ms; ${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  describe(): string {
    return `last messages: ${JSON.stringify(this.messages.slice(-3))}; stderr: ${this.stderr.join('').slice(-2_000)}`;
  }

  /** SIGKILL: no cleanup, no commit, connections dropped, as in a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the graceful exit. */
  async terminate(timeoutMs = 20_000): Promise<number | null> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
