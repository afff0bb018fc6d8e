import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MEETINGS_EXAMPLE_DIR as example, REPOSITORY_ROOT as root } from '@underpin/testing';

/** The CLI as its own process, from source: exit codes, flushed stdout, no stack traces. */
function underpin(...args: string[]) {
  return spawnSync(process.execPath, ['-r', join(root, 'tools/runtime/register-source.js'), join(root, 'apps/cli/src/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('underpin (process)', () => {
  it('prints the backtest as one JSON document, exit 0, and exits 2 with one line per problem', () => {
    const ok = underpin('backtest', '--catalog', join(example, 'catalog.yaml'), '--events', join(example, 'incidents.jsonl'));
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    const report = JSON.parse(ok.stdout) as { incidents: Array<{ incident: string; dueAt: string }> };
    expect(report.incidents.find((row) => row.incident === 'INC-1001' && row.dueAt === '2026-03-03T12:52:00Z')).toBeDefined();

    const missing = underpin('backtest', '--catalog', join(example, 'catalog.yaml'), '--events', join(example, 'no-such.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(example, 'no-such.jsonl')}: no such file\n`);
  }, 180_000);
});
