import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEETINGS_CATALOG_PATH as catalogPath, MEETINGS_INCIDENTS_PATH as eventsPath } from '@underpin/testing';
import { main } from './main';

class Capture {
  text = '';
  columns = 80;
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function run(argv: string[], options: { tty?: boolean } = {}) {
  const stdout = new Capture();
  const stderr = new Capture(options.tty);
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe(main.name, () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'underpin-cli-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  describe('help', () => {
    it('lists the commands on --help and exits 0', async () => {
      const { code, stdout } = await run(['--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/validate .*\n.*feasibility .*\n.*backtest .*\n.*dead-letters .*\n.*keys /);
    });

    it.each(['validate', 'feasibility', 'backtest', 'dead-letters', 'keys'])('explains %s on --help', async (command) => {
      const { code, stdout, stderr } = await run([command, '--help']);
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toContain(`Usage: underpin ${command}`);
      expect(stdout).toContain('Exit codes');
    });

    it('refuses an unknown command in one line with exit 2', async () => {
      const { code, stderr } = await run(['bakctest']);
      expect(code).toBe(2);
      expect(stderr).toBe('underpin: unknown command "bakctest" (commands: validate, feasibility, backtest, dead-letters, keys)\n');
    });
  });

  describe('validate', () => {
    it('summarises a valid catalogue and exits 0', async () => {
      const { code, stdout, stderr } = await run(['validate', catalogPath]);
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toBe(
        `${catalogPath}: valid: 9 parties, 3 calendars, 1 maintenance window, 6 services, 8 agreements (2 SLA, 3 OLA, 3 UC), 24 objectives\n`,
      );
    });

    it('lists every problem of a broken catalogue as file:line:col path: message and exits 2', async () => {
      const broken = join(scratch, 'broken.yaml');
      const text = (await readFile(catalogPath, 'utf8'))
        .replace('target: 15m, calendar: always, underpinnedBy: [ola-service-desk/p1-response]', 'target: 15 minutes, calendar: always')
        .replace('{ id: p1-handover, metric: handover_time, priority: P1, target: 15m, calendar: always }', '{ id: p1-handover, metric: handover_time, priority: P1, target: 15m, calendar: allways }');
      await writeFile(broken, text);
      const { code, stdout, stderr } = await run(['validate', broken]);
      expect([code, stdout]).toEqual([2, '']);
      const lines = stderr.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.every((line) => /^\S+broken\.yaml:\d+:\d+ \S+: .+/.test(line))).toBe(true);
      expect(stderr).toMatch(/agreements\[0\]\.objectives\[1\]\.target: /);
      expect(stderr).toContain('allways');
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    it('exits 2 naming a file that does not exist', async () => {
      const { code, stderr } = await run(['validate', join(scratch, 'missing.yaml')]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/missing\.yaml: .+\n$/);
    });

    it('asks for the catalogue in one line when none is given', async () => {
      const { code, stderr } = await run(['validate']);
      expect(code).toBe(2);
      expect(stderr).toBe('underpin validate: a catalogue file or folder is required (see "underpin validate --help")\n');
    });
  });

  describe('feasibility', () => {
    it("prints the example's findings as JSON", async () => {
      const { code, stdout } = await run(['feasibility', '--catalog', catalogPath]);
      expect(code).toBe(0);
      const { feasibility } = JSON.parse(stdout) as { feasibility: Array<{ agreement: string; objective: string | null; kind: string; detail: string }> };
      const keys = feasibility.map((finding) => `${finding.agreement}/${finding.objective} ${finding.kind}`);
      expect(keys).toEqual(
        expect.arrayContaining([
          'sla-acme-video/availability availability-composition',
          'sla-acme-video/availability missing-underpinning',
          'sla-nordbank-video/p1-resolution calendar-gap',
          'sla-acme-video/p2-resolution time-budget',
        ]),
      );
      expect(keys.filter((key) => key.startsWith('sla-acme-video/p1-'))).toEqual([]);
      expect(feasibility.find((finding) => finding.kind === 'availability-composition')?.detail).toContain('99.75 %');
      expect(feasibility.find((finding) => finding.kind === 'missing-underpinning')?.detail).toContain('identity');
    });

    it('prints one finding a line with --format text', async () => {
      const { code, stdout } = await run(['feasibility', '--catalog', catalogPath, '--format', 'text']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^sla-nordbank-video\/p1-resolution calendar-gap: ola-netops\/p1-restore-office counts on office-se/m);
    });

    it('refuses an unknown option and an unknown format in one line', async () => {
      expect(await run(['feasibility', '--catalogue', catalogPath])).toMatchObject({
        code: 2,
        stderr: 'underpin feasibility: unknown option --catalogue (see "underpin feasibility --help")\n',
      });
      expect((await run(['feasibility', '--catalog', catalogPath, '--format', 'xml'])).stderr).toContain('--format must be json or text');
    });
  });

  describe('dead-letters', () => {
    it('explains list and replay on "dead-letters replay --help"', async () => {
      const { code, stdout } = await run(['dead-letters', 'replay', '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('underpin dead-letters list');
      expect(stdout).toContain('underpin dead-letters replay --topic <topic> (--offset <partition>@<offset>... | --all)');
    });

    it('refuses a bad flag in one line with exit 2, before connecting to anything', async () => {
      expect(await run(['dead-letters', 'list', '--reason', 'handler-failure', '--brokers', '127.0.0.1:1'])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'underpin dead-letters: --reason "handler-failure" is not a reason (did you mean "handler-failed"?); reasons: invalid-envelope, unknown-event, invalid-payload, key-mismatch, handler-failed (see "underpin dead-letters --help")\n',
      });
      expect(await run(['dead-letters', 'replay', '--topic', 'incidents.events.v1', '--brokers', '127.0.0.1:1'])).toMatchObject({
        code: 2,
        stderr: 'underpin dead-letters: replay needs --offset <partition>@<offset> or --all (see "underpin dead-letters --help")\n',
      });
    });

    it('says in one line, exit 1, that the brokers cannot be reached', async () => {
      const { code, stdout, stderr } = await run(['dead-letters', 'list', '--brokers', '127.0.0.1:1']);
      expect([code, stdout]).toEqual([1, '']);
      expect(stderr).toMatch(/^underpin dead-letters: cannot reach Kafka at 127\.0\.0\.1:1: .*ECONNREFUSED.*\n$/);
    });
  });

  describe('keys', () => {
    const token = ['--admin-token', 't'.repeat(32)];

    it('refuses a bad command line in one line with exit 2, before sending anything', async () => {
      expect(await run(['keys', 'create', '--url', 'http://127.0.0.1:1', '--name', 'probes', ...token])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'underpin keys: --service is required: the services whose samples the key may send (repeat it for several) (see "underpin keys --help")\n',
      });
      expect((await run(['keys', 'list', '--url', 'localhost:4100', ...token])).stderr).toBe('underpin keys: --url "localhost:4100" must be http:// or https:// (see "underpin keys --help")\n');
      expect((await run(['keys', 'revke', 'key-1'])).stderr).toBe('underpin keys: unknown subcommand "revke" (did you mean "revoke"?); subcommands: create, list, revoke (see "underpin keys --help")\n');
    });

    it('says in one line, exit 1, that the service cannot be reached', async () => {
      const { code, stdout, stderr } = await run(['keys', 'list', '--url', 'http://127.0.0.1:2', ...token]);
      expect([code, stdout]).toEqual([1, '']);
      expect(stderr).toBe('underpin keys: cannot reach http://127.0.0.1:2: ECONNREFUSED\n');
    });
  });

  describe('backtest', () => {
    let report: {
      incidents: Array<Record<string, unknown> & { incident: string; objective: string; segments: Array<Record<string, unknown>> }>;
      credits: Array<Record<string, unknown>>;
      feasibility: Array<{ agreement: string; objective: string | null; kind: string }>;
      periods: unknown[];
      exitTriggers: unknown[];
    };
    let stderr: string;

    beforeAll(async () => {
      const result = await run(['backtest', '--catalog', catalogPath, '--events', eventsPath]);
      expect(result.code).toBe(0);
      stderr = result.stderr;
      report = JSON.parse(result.stdout);
    });

    it('reports INC-1001 as the README works it out', () => {
      const entry = report.incidents.find((row) => row.incident === 'INC-1001' && row.objective === 'p1-resolution');
      expect(entry).toMatchObject({ elapsedSeconds: 15_180, targetSeconds: 14_400, dueAt: '2026-03-03T12:52:00Z', breached: true });
      expect(entry?.segments.map(({ party, elapsedSeconds, breached }) => [party, elapsedSeconds, breached])).toEqual([
        ['service-desk', 19 * 60, true],
        ['netops', 162 * 60, true],
        ['meetcloud', 72 * 60, false],
      ]);
    });

    it('puts the 6 000 SEK credit for INC-1001 on the April invoice', () => {
      expect(report.credits).toEqual([
        expect.objectContaining({ agreement: 'sla-acme-video', period: '2026-03', invoicePeriod: '2026-04', amount: 6000, currency: 'SEK' }),
      ]);
    });

    it('adds the feasibility findings and writes nothing to a stderr that is not a terminal', () => {
      const keys = report.feasibility.map((finding) => `${finding.agreement}/${finding.objective} ${finding.kind}`);
      expect(keys).toContain('sla-nordbank-video/p1-resolution calendar-gap');
      expect(report.periods).toEqual([]);
      expect(report.exitTriggers).toEqual([]);
      expect(stderr).toBe('');
    });

    it('draws a progress bar on a terminal, and clears it', async () => {
      const { code, stderr: terminal } = await run(['backtest', '--catalog', catalogPath, '--events', eventsPath], { tty: true });
      expect(code).toBe(0);
      expect(terminal).toMatch(/^\rbacktest \[#+\] 100% 0\.0\/0\.0 MB\x1b\[K/);
      expect(terminal.endsWith('\r\x1b[K')).toBe(true);
    });

    it('lists bad event lines by file and line and exits 2', async () => {
      const events = join(scratch, 'bad.jsonl');
      const lines = (await readFile(eventsPath, 'utf8')).split('\n');
      lines[2] = lines[2].replace('"at": "2026-03-03T09:31:00+01:00"', '"at": "yesterday"');
      lines[4] = '{"type": "incident.paused", "incident": "INC-1001"';
      await writeFile(events, lines.join('\n'));
      const { code, stdout, stderr: problems } = await run(['backtest', '--catalog', catalogPath, '--events', events]);
      expect([code, stdout]).toEqual([2, '']);
      expect(problems).toMatch(new RegExp(`^${events.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+ at: `, 'm'));
      expect(problems).toMatch(/bad\.jsonl:5(:\d+)?: not valid JSON/);
    });

    it('names the line of an event the timeline rules reject, counting blank lines', async () => {
      const events = join(scratch, 'rejected.jsonl');
      const lines = (await readFile(eventsPath, 'utf8')).trimEnd().split('\n');
      lines.splice(1, 0, '');
      lines.push('{"type": "incident.resumed", "at": "2026-03-09T11:00:00+01:00", "incident": "INC-1003"}');
      await writeFile(events, `${lines.join('\n')}\n`);
      const { code, stderr: problems } = await run(['backtest', '--catalog', catalogPath, '--events', events]);
      expect(code).toBe(2);
      expect(problems).toBe(`${events}:${lines.length}: incident.resumed of INC-1003: cannot be resumed, it is resolved\n`);
    });

    it('refuses a --from that is not a date in one line', async () => {
      const { code, stderr: message } = await run(['backtest', '--catalog', catalogPath, '--events', eventsPath, '--from', '03/01/2026']);
      expect(code).toBe(2);
      expect(message).toBe(
        'underpin backtest: --from "03/01/2026" is not a date like 2026-03-01 or an instant like 2026-03-01T00:00:00+01:00 (see "underpin backtest --help")\n',
      );
    });

    it('keeps only incidents opened in [--from, --to)', async () => {
      const { code, stdout } = await run(['backtest', '--catalog', catalogPath, '--events', eventsPath, '--from', '2026-03-04', '--to', '2026-03-07T23:00:00+01:00']);
      expect(code).toBe(0);
      const incidents = (JSON.parse(stdout) as typeof report).incidents.map((row) => row.incident);
      expect([...new Set(incidents)]).toEqual(['INC-1002', 'INC-1003']);
    });
  });
});
