import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@underpin/platform';
import { waitUntil } from '@underpin/testing';
import { graphql } from './graphql-client.util';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

jest.setTimeout(180_000);

/** What a newcomer does: `npm start` with no DATABASE_URL, then Ctrl-C. */
describe('all-in-one process: start with embedded PostgreSQL, stop on Ctrl-C', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'underpin-all-in-one-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the demo, then stops its services and its PostgreSQL in order, exiting 0', async () => {
    const root = repoRoot();
    const pgPort = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', UNDERPIN_DATA_DIR: dataDir, UNDERPIN_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' };
    delete env['DATABASE_URL'];
    const child = spawn(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, 'apps/all-in-one/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitUntil('the platform to say where it runs', () => /GraphQL: http:\/\/\S+\/graphql/.test(output) || child.exitCode !== null, { timeoutMs: 150_000 });
      const url = /GraphQL: (http:\/\/\S+\/graphql)/.exec(output)?.[1];
      expect(url).toBeDefined();
      const { data, errors } = await graphql<{ incident: { id: string; status: string } | null }>(url!, '{ incident(id: "INC-1001") { id status } }');
      expect(errors).toBeUndefined();
      expect(data?.incident).toEqual({ id: 'INC-1001', status: 'resolved' });
      expect(await accepts(pgPort)).toBe(true);

      child.kill('SIGINT');
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still running 30 s after SIGINT'), 30_000).unref());
      expect(await Promise.race([exited, timeout])).toBe(0);
      // The embedded server went with the process, and only after the services had let go of it.
      expect(await accepts(pgPort)).toBe(false);
      expect(output).not.toMatch(/terminating connection|Connection terminated/i);
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- the process printed:\n${output.slice(-4_000)}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
