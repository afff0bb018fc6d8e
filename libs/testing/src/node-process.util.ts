import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT as ROOT } from './repository-path.util';
import { waitUntil } from './wait.util';

export interface NodeProcessOptions {
  /** A TypeScript entry point, relative to the repository root (run from source, as `npm start` does). */
  script: string;
  env: Record<string, string | undefined>;
  /** V8's old-space limit: a process that would use more dies of it instead of taking the machine's memory. */
  maxHeapMb: number;
  /** Matches the line that says the process is ready; its first group, if any, is returned as `ready`. */
  ready: RegExp;
  timeoutMs?: number;
}

export interface NodeProcess {
  /** The first group of `ready`'s match (e.g. the URL the process listens on). */
  ready: string;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr together. */
  output(): string;
  running(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/** Runs a service or host in a process of its own, for specs that must survive its crash. */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(options.env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, [`--max-old-space-size=${options.maxHeapMb}`, '-r', join(ROOT, 'tools/runtime/register-source.js'), join(ROOT, options.script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitUntil(`${options.script} to print ${options.ready}`, () => options.ready.test(output) || !running(), { timeoutMs: options.timeoutMs ?? 120_000, intervalMs: 100 });
    const match = options.ready.exec(output);
    if (!match) throw new Error(`${options.script} exited before it was ready`);
    return { ready: match[1] ?? match[0], child, output: () => output, running, stop };
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- it printed:\n${output.slice(-4_000)}`);
  }
}
