import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { waitUntil } from '@underpin/testing';

/** A `main.ts` run as its own Node process, as `npm start` or a deployment runs it. */
export interface SourceProcess {
  readonly name: string;
  /** Every line it printed so far, stdout and stderr. */
  lines(): string[];
  /** Waits for a line matching `pattern` and returns it; fails with the process's last output. */
  waitForLine(what: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function startSourceProcess(name: string, entry: string, env: NodeJS.ProcessEnv): SourceProcess {
  const root = repoRoot();
  const child: ChildProcess = spawn(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, entry)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let pending = '';
  const collect = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop()!;
    lines.push(...complete);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const tail = () => `--- ${name} printed:\n${[...lines, pending].slice(-60).join('\n')}`;
  return {
    name,
    lines: () => lines,
    async waitForLine(what, pattern, timeoutMs = 120_000) {
      try {
        await waitUntil(`${name}: ${what}`, () => lines.some((line) => pattern.test(line)) || child.exitCode !== null, { timeoutMs, intervalMs: 100 });
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${tail()}`);
      }
      const line = lines.find((candidate) => pattern.test(candidate));
      if (line === undefined) throw new Error(`${name} exited (code ${child.exitCode}) before ${what}\n${tail()}`);
      return line;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The environment of a process under test: the test's own, without any OpenTelemetry exporter. */
export function processEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...overrides };
  for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
  return env;
}
