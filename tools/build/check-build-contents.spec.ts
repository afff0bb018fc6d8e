import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildFiles, testCodeInBuild } from './check-build-contents';

/** A build config as the repository's: sources of libs and apps, specs and libs/testing left out. */
const BUILD_CONFIG = {
  compilerOptions: { outDir: 'dist', rootDir: '.', baseUrl: '.', module: 'commonjs', moduleResolution: 'node', paths: { '@x/domain': ['libs/domain/src/index.ts'], '@x/testing': ['libs/testing/src/index.ts'] } },
  include: ['libs/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
  exclude: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.spec-helper.ts', 'libs/testing/**', 'node_modules', 'dist'],
};

describe('tools/build/check-build-contents.js', () => {
  let root: string;

  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'underpin-build-contents-'));
    write('tsconfig.build.json', JSON.stringify(BUILD_CONFIG));
    write('libs/domain/src/index.ts', "export * from './clock.util';\n");
    write('libs/domain/src/clock.util.ts', 'export const tick = 1;\n');
    write('libs/domain/src/clock.util.spec.ts', "import { tick } from './clock.util';\nit('ticks', () => expect(tick).toBe(1));\n");
    write('libs/testing/src/index.ts', 'export const fixture = 1;\n');
    write('apps/svc/src/main.ts', "import { tick } from '@x/domain';\nimport { run } from './jobs/run.main';\nexport const started = [tick, run];\n");
    write('apps/svc/src/jobs/run.main.ts', "import type { Job } from './job.type';\nexport const run: Job = 'run';\n");
    write('apps/svc/src/jobs/job.type.ts', 'export type Job = string;\n');
    write('apps/svc/test/harness.util.ts', 'export const harness = 1;\n');
    // What TypeORM's migration CLI loads: an entry point of its own.
    write('apps/svc/src/database/data-source.ts', "import { SCHEMA } from './svc-database.constant';\nexport default SCHEMA;\n");
    write('apps/svc/src/database/svc-database.constant.ts', "export const SCHEMA = 'svc';\n");
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("lists what tsc compiles, from the config's list, without the specs it excludes", () => {
    expect(buildFiles(root).map(({ file, importedBy }) => [file, importedBy])).toEqual([
      ['apps/svc/src/database/data-source.ts', undefined],
      ['apps/svc/src/database/svc-database.constant.ts', undefined],
      ['apps/svc/src/jobs/job.type.ts', undefined],
      ['apps/svc/src/jobs/run.main.ts', undefined],
      ['apps/svc/src/main.ts', undefined],
      ['libs/domain/src/clock.util.ts', undefined],
      ['libs/domain/src/index.ts', undefined],
    ]);
    expect(testCodeInBuild(root)).toEqual([]);
  });

  it('finds libs/testing and test folders pulled in by an import from source, naming the importer', () => {
    write('apps/svc/src/main.ts', "import { fixture } from '@x/testing';\nimport { harness } from '../test/harness.util';\nexport const started = [fixture, harness];\n");
    expect(testCodeInBuild(root)).toEqual([
      { file: 'apps/svc/test/harness.util.ts', reason: 'in a test folder (imported by apps/svc/src/main.ts)' },
      { file: 'libs/testing/src/index.ts', reason: 'part of libs/testing (imported by apps/svc/src/main.ts)' },
    ]);
  });

  it('finds a spec helper, and a spec the config does not exclude', () => {
    write('tsconfig.build.json', JSON.stringify({ ...BUILD_CONFIG, exclude: ['libs/testing/**'] }));
    write('libs/domain/src/clock.spec-helper.ts', "export const start = 0;\n");
    write('libs/domain/src/clock.util.ts', "import { start } from './clock.spec-helper';\nexport const tick = start + 1;\n");
    expect(testCodeInBuild(root)).toEqual([
      { file: 'libs/domain/src/clock.spec-helper.ts', reason: 'a spec or spec helper' },
      { file: 'libs/domain/src/clock.util.spec.ts', reason: 'a spec or spec helper' },
    ]);
  });

  it('finds a fixture named like production code that only specs import', () => {
    write('libs/domain/src/meetings-catalog.constant.ts', 'export const MEETINGS = {};\n');
    write('libs/domain/src/clock.util.spec.ts', "import { MEETINGS } from './meetings-catalog.constant';\nit('has it', () => expect(MEETINGS).toEqual({}));\n");
    expect(testCodeInBuild(root)).toEqual([
      { file: 'libs/domain/src/meetings-catalog.constant.ts', reason: 'reached from no entry point (index.ts, main.ts, *.main.ts, database/data-source.ts): test support, or dead code' },
    ]);
  });

  it('exits 1 listing what it found, and 0 on a clean build, as CI runs it', () => {
    const run = () => spawnSync(process.execPath, [join(__dirname, 'check-build-contents.js'), '--root', root], { encoding: 'utf8' });
    expect(run()).toMatchObject({ status: 0, stdout: 'tsconfig.build.json compiles no test code into dist/\n' });
    write('apps/svc/src/main.ts', "import { fixture } from '@x/testing';\nexport const started = fixture;\n");
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('libs/testing/src/index.ts: part of libs/testing (imported by apps/svc/src/main.ts)\n');
  });

  it("holds for the repository's own build: dist/ gets no test code", () => {
    expect(testCodeInBuild(join(__dirname, '..', '..'))).toEqual([]);
  });
});
