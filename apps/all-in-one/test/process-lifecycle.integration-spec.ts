import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@underpin/testing';
import { graphql } from './graphql-client.util';
import { PlatformProcess, accepts } from './platform-process.util';

jest.setTimeout(240_000);

/** Signs of PostgreSQL going away under services still using it. */
const CUT_CONNECTIONS = /terminating connection|Connection terminated|QueryRunnerAlreadyReleasedError/i;
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n/;

/** What a newcomer does: `npm start` with no DATABASE_URL, then Ctrl-C in the terminal. */
describe('all-in-one process: start with embedded PostgreSQL, stop on Ctrl-C', () => {
  const folders: string[] = [];
  const processes: PlatformProcess[] = [];

  async function dataFolder(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'underpin-all-in-one-'));
    folders.push(dir);
    return dir;
  }

  async function platform(env: Record<string, string> = {}, dir?: string): Promise<PlatformProcess> {
    const started = new PlatformProcess(dir ?? (await dataFolder()), env);
    processes.push(started);
    return started;
  }

  async function withOutput<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const printed = processes.map((p) => `--- ${p.dataDir} printed:\n${p.output.slice(-4_000)}`).join('\n');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${printed}`);
    }
  }

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((started) => started.kill()));
    for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('serves the demo beside a second instance, and each stops its services, then its PostgreSQL, exiting 0', () =>
    withOutput(async () => {
      const first = await platform();
      const url = await first.graphqlUrl();
      const { data, errors } = await graphql<{ incident: { id: string; status: string } | null }>(url, '{ incident(id: "INC-1001") { id status } }');
      expect(errors).toBeUndefined();
      expect(data?.incident).toEqual({ id: 'INC-1001', status: 'resolved' });

      // Another `npm start` (other PORT, other data folder) while the first runs: the embedded
      // server the first one started holds its port.
      const second = await platform({ UNDERPIN_DEMO: 'off' });
      const secondUrl = await second.graphqlUrl();
      expect((await graphql<{ incident: unknown }>(secondUrl, '{ incident(id: "INC-1001") { id } }')).data).toEqual({ incident: null });
      const servers = [first.postgres(), second.postgres()];
      expect(servers[1]!.port).not.toBe(servers[0]!.port);
      for (const server of servers) expect(await accepts(server!.port)).toBe(true);

      for (const started of [first, second]) started.ctrlC();
      expect(await Promise.all([first.exitWithin(30_000), second.exitWithin(30_000)])).toEqual([0, 0]);
      // Each embedded server went with its process, and only after the services had let go of it.
      for (const server of servers) expect(await accepts(server!.port)).toBe(false);
      for (const started of [first, second]) {
        // A consumer may finish what it was handling while the services stop (a catalogue that
        // arrived as Ctrl-C came logs its warnings): lines between are fine, errors are not.
        expect(started.output).toMatch(/Stopping Underpin: the services, then PostgreSQL …\n(?:(?!.*\bERROR\b).*\n)*Underpin stopped\.\n$/);
        expect(started.output).not.toMatch(CUT_CONNECTIONS);
        expect(started.output).not.toMatch(STACK_TRACE);
      }
    }));

  it('stops once it is up when Ctrl-C comes during the start, leaving no PostgreSQL behind', () =>
    withOutput(async () => {
      const started = await platform({ UNDERPIN_DEMO: 'off' });
      await waitUntil('the embedded PostgreSQL to be started', () => started.postgres() !== undefined || !started.running, { timeoutMs: 60_000 });
      const server = started.postgres();
      started.ctrlC();
      expect(await started.exitWithin(120_000)).toBe(0);
      expect(started.output).toMatch(/Underpin stopped\.\n$/);
      expect(started.output).not.toMatch(CUT_CONNECTIONS);
      expect(await accepts(server!.port)).toBe(false);
    }));

  it('explains in one line, and exits 1, when the data folder holds something else', () =>
    withOutput(async () => {
      const dir = await dataFolder();
      await writeFile(join(dir, 'notes.txt'), 'not a database');
      const started = await platform({}, dir);
      expect(await started.exitWithin(60_000)).toBe(1);
      expect(started.output).toMatch(
        new RegExp(`\\nUnderpin failed to start: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not empty and is not a PostgreSQL data folder: [^\\n]+\\n$`),
      );
      expect(started.output).not.toMatch(/initdb|STDERR/);
    }));
});
