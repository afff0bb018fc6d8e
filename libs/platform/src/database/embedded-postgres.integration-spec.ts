import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresException, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.util';
import { storedPort } from './postgres-data-dir.util';

jest.setTimeout(60_000);

async function answers(server: EmbeddedPostgres): Promise<number> {
  const client = new Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ port: string }>(`SELECT current_setting('port') AS port`);
    return Number(rows[0]!.port);
  } finally {
    await client.end();
  }
}

/** Holds `port` (0 = any) on 127.0.0.1 as another program would. */
async function occupy(port = 0): Promise<Server & { port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as { port: number }).port });
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function processGroup(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

describe(startEmbeddedPostgres.name, () => {
  const folders: string[] = [];
  const running: EmbeddedPostgres[] = [];
  const blockers: Server[] = [];

  /** An empty data folder (its own mkdtemp, so the `postgres` user can reach it when we are root). */
  function dataFolder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'underpin-embedded-spec-'));
    folders.push(dir);
    return dir;
  }

  async function start(options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<EmbeddedPostgres> {
    const server = await startEmbeddedPostgres({ fast: true, ...options });
    running.push(server);
    return server;
  }

  async function stop(server: EmbeddedPostgres): Promise<void> {
    running.splice(running.indexOf(server), 1);
    await server.stop();
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
    await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('runs two servers side by side, the second on another port, each keeping its port for its next start', async () => {
    const [first, second] = [dataFolder(), dataFolder()];
    const a = await start({ dataDir: first });
    const b = await start({ dataDir: second });
    expect(b.port).not.toBe(a.port);
    expect(await answers(a)).toBe(a.port);
    expect(await answers(b)).toBe(b.port);
    expect([storedPort(first), storedPort(second)]).toEqual([a.port, b.port]);

    await stop(b);
    const again = await start({ dataDir: second });
    expect(again.port).toBe(b.port);
  });

  it('starts on another port when its own is taken, and goes back to its own once free', async () => {
    const dir = dataFolder();
    const own = (await start({ dataDir: dir })).port;
    await stop(running[0]!);
    const blocker = await occupy(own);
    blockers.push(blocker);

    const elsewhere = await start({ dataDir: dir });
    expect(elsewhere.port).not.toBe(own);
    expect(await answers(elsewhere)).toBe(elsewhere.port);
    expect(storedPort(dir)).toBe(own);
    await stop(elsewhere);

    await new Promise((resolve) => blocker.close(resolve));
    expect((await start({ dataDir: dir })).port).toBe(own);
  });

  it('says in one line that a port it was given is taken, instead of hanging', async () => {
    const blocker = await occupy();
    blockers.push(blocker);
    const failure = startEmbeddedPostgres({ port: blocker.port, fast: true });
    await expect(failure).rejects.toThrow(EmbeddedPostgresException);
    await expect(failure).rejects.toThrow(new RegExp(`did not start on port ${blocker.port}: 127\\.0\\.0\\.1:${blocker.port} is already in use$`));
  });

  it('refuses a folder that holds other things than PostgreSQL data, in one line, leaving it as it was', async () => {
    const dir = dataFolder();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const before = statSync(dir);
    const failure = startEmbeddedPostgres({ dataDir: dir });
    await expect(failure).rejects.toThrow(`${dir} is not empty and is not a PostgreSQL data folder: choose a new or empty folder for the embedded PostgreSQL`);
    const after = statSync(dir);
    expect([after.uid, after.gid, after.mode]).toEqual([before.uid, before.gid, before.mode]);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('stops only once the sessions still open have ended, instead of cutting them', async () => {
    const server = await start({});
    const session = new Client({ connectionString: server.adminUrl });
    const sessionErrors: Error[] = [];
    session.on('error', (error) => sessionErrors.push(error));
    await session.connect();

    const stopping = stop(server);
    // Once it refuses new sessions, it has begun to stop.
    for (;;) {
      const late = new Client({ connectionString: server.adminUrl });
      const refused = await late.connect().then(
        () => late.end().then(() => false),
        (error: Error) => error.message,
      );
      if (refused) {
        expect(refused).toBe('the database system is shutting down');
        break;
      }
    }
    // A service closing its pool late still has its session: it ends it, then the server goes.
    expect((await session.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await session.end();
    await stopping;
    expect(sessionErrors).toEqual([]);
  });

  it('runs the server in a process group of its own, out of reach of the terminal signalling ours', async () => {
    const dir = dataFolder();
    await start({ dataDir: dir });
    const pid = postmasterPid(dir);
    expect(processGroup(pid)).toBe(pid);
    expect(processGroup(pid)).not.toBe(processGroup(process.pid));
  });
});
