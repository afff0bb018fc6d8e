import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, stopOnSignals, type SupervisorOptions } from './supervisor';

jest.setTimeout(20_000);

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
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

/** Child scripts end with this once their signal handlers are in place. */
const announce = `setInterval(() => undefined, 1_000);\nconsole.log('ready');`;

function printedReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString('utf8').includes('ready') && resolve()));
}

describe(Supervisor.name, () => {
  let dir: string;
  let supervisor: Supervisor | undefined;
  let logged: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'underpin-supervisor-'));
    logged = [];
  });

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A child script; `journal` is a file every child may append lines to. */
  function script(name: string, body: string): string {
    const file = join(dir, `${name}.js`);
    writeFileSync(file, `const fs = require('node:fs');\nconst journal = ${JSON.stringify(join(dir, 'journal'))};\n${body}\n`);
    return file;
  }

  function journal(): string[] {
    try {
      return readFileSync(join(dir, 'journal'), 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  }

  function journalRuns(): string | undefined {
    try {
      return readFileSync(join(dir, 'journal.runs'), 'utf8');
    } catch {
      return undefined;
    }
  }

  function supervise(options: SupervisorOptions = {}): Supervisor {
    supervisor = new Supervisor({ log: (line) => logged.push(line), output: () => undefined, initialDelayMs: 50, maxDelayMs: 200, healthyAfterMs: 2_000, stopTimeoutMs: 2_000, ...options });
    return supervisor;
  }

  const steady = `setInterval(() => undefined, 1_000);\nprocess.on('SIGTERM', () => process.exit(0));`;

  it('starts a process that exits again, with a log line, while the others keep running', async () => {
    const running = supervise();
    await running.start({ name: 'steady', command: process.execPath, args: [script('steady', steady)] });
    await running.start({ name: 'crashy', command: process.execPath, args: [script('crashy', steady)] });
    const [steadyPid, crashyPid] = [running.pid('steady')!, running.pid('crashy')!];

    process.kill(crashyPid, 'SIGKILL');
    await until('crashy to be back', () => logged.some((line) => line.startsWith('crashy is back')));

    expect(logged[0]).toMatch(/^crashy was killed by SIGKILL after [\d.]+ m?s; restarting it in 50 ms \(restart 1 in a row\)$/);
    expect(running.pid('crashy')).toBeDefined();
    expect(running.pid('crashy')).not.toBe(crashyPid);
    expect(running.pid('steady')).toBe(steadyPid);
    expect(alive(steadyPid)).toBe(true);
  });

  it('doubles the delay after each quick exit up to its bound, and starts from the shortest again after a healthy run', async () => {
    // Run 1 lives 100 ms, runs 2-4 exit at once, run 5 lives 2.5 s (healthy: ≥ 2 s; a node
    // process on a loaded machine can take a good part of a second to boot), run 6 exits at
    // once, run 7 stays.
    const flaky = script(
      'flaky',
      `const counter = journal + '.runs';
       const run = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
       fs.writeFileSync(counter, String(run));
       const lives = { 1: 100, 5: 2_500 }[run] ?? (run >= 7 ? Infinity : 0);
       if (lives === Infinity) setInterval(() => undefined, 1_000);
       else setTimeout(() => process.exit(3), lives);`,
    );
    const running = supervise();
    await running.start({ name: 'flaky', command: process.execPath, args: [flaky] });
    await until('the seventh run', () => journalRuns() === '7' && logged.filter((line) => line.startsWith('flaky is back')).length === 6);

    const delays = logged.flatMap((line) => /^flaky exited with code 3 after .+; restarting it in (\d+) ms/.exec(line)?.[1] ?? []).map(Number);
    expect(delays).toEqual([50, 100, 200, 200, 50, 100]);
  });

  it('does not start a process again once stopping, even when its restart was due', async () => {
    const running = supervise({ initialDelayMs: 300, maxDelayMs: 300 });
    await running.start({ name: 'quitter', command: process.execPath, args: [script('quitter', `setTimeout(() => process.exit(1), 50);`)] });
    await until('the restart to be scheduled', () => logged.length === 1);
    await running.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(running.pid('quitter')).toBeUndefined();
    expect(logged).toHaveLength(1);
  });

  it('stops the last started first, one after the other, and SIGKILLs one that ignores SIGTERM', async () => {
    const stopsSlowly = (name: string) => `process.on('SIGTERM', () => { fs.appendFileSync(journal, '${name}\\n'); setTimeout(() => process.exit(0), 50); });\n${announce}`;
    const running = supervise({ stopTimeoutMs: 300 });
    await running.start({ name: 'first', command: process.execPath, args: [script('first', stopsSlowly('first'))], ready: printedReady });
    await running.start({ name: 'stubborn', command: process.execPath, args: [script('stubborn', `process.on('SIGTERM', () => fs.appendFileSync(journal, 'stubborn ignores it\\n'));\n${announce}`)], ready: printedReady });
    await running.start({ name: 'last', command: process.execPath, args: [script('last', stopsSlowly('last'))], ready: printedReady });
    const pids = ['first', 'stubborn', 'last'].map((name) => running.pid(name)!);

    await running.stop();
    expect(journal()).toEqual(['last', 'stubborn ignores it', 'first']);
    expect(logged).toEqual(['stubborn did not stop within 300 ms; killing it']);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('rejects the start of a process that exits before it is ready', async () => {
    const running = supervise();
    const neverReady = () => new Promise<void>(() => undefined);
    await expect(running.start({ name: 'broken', command: process.execPath, args: [script('broken', 'process.exit(2);')], ready: neverReady })).rejects.toThrow('broken exited with code 2 before it was ready');
    await expect(running.start({ name: 'missing', command: join(dir, 'no-such-program') })).rejects.toThrow(/^missing could not be started \(spawn .* ENOENT\) before it was ready$/);
  });
});

describe(stopOnSignals.name, () => {
  it('stops every child in order on a Ctrl-C to the whole process group, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'underpin-supervisor-'));
    try {
      const journal = join(dir, 'journal');
      const child = join(dir, 'child.js');
      writeFileSync(
        child,
        `const fs = require('node:fs');
         const name = process.argv[2];
         process.on('SIGINT', () => fs.appendFileSync(${JSON.stringify(journal)}, name + ' got SIGINT\\n'));
         process.on('SIGTERM', () => { fs.appendFileSync(${JSON.stringify(journal)}, name + ' stopped\\n'); process.exit(0); });
         ${announce}`,
      );
      const host = join(dir, 'host.js');
      writeFileSync(
        host,
        `const { Supervisor, stopOnSignals } = require(${JSON.stringify(require.resolve('./supervisor'))});
         const supervisor = new Supervisor({ log: () => undefined, output: () => undefined });
         stopOnSignals(() => supervisor.stop(), { kill: () => supervisor.killAll() });
         const ready = ${printedReady.toString()};
         (async () => {
           for (const name of ['a', 'b', 'c']) await supervisor.start({ name, command: process.execPath, args: [${JSON.stringify(child)}, name], ready });
           console.log('running');
         })();`,
      );
      // detached: the host leads its own group, as a terminal's foreground job does.
      const running = spawn(process.execPath, [host], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      let printed = '';
      running.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
      await until('the host to run its children', () => printed.includes('running'));

      process.kill(-running.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      expect(readFileSync(journal, 'utf8').trim().split('\n')).toEqual(['c stopped', 'b stopped', 'a stopped']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
