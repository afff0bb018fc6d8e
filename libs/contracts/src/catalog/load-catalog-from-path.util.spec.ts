import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogFromPath } from './load-catalog-from-path.util';

describe(loadCatalogFromPath.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'underpin-catalog-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges the YAML files of a folder in name order and ignores other files', async () => {
    writeFileSync(join(dir, '20-agreements.yml'), [
      'apiVersion: underpin/v1',
      'agreements:',
      '  - { id: ola, kind: OLA, provider: desk, consumer: it, objectives: [{ id: p1, metric: handover_time, target: 15m, calendar: office }] }',
    ].join('\n'));
    writeFileSync(join(dir, '10-parties.yaml'), 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team }\n  - { id: desk, kind: team }\n');
    writeFileSync(join(dir, '05-calendars.yaml'), 'apiVersion: underpin/v1\ncalendars:\n  - { id: office, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] } }\n');
    writeFileSync(join(dir, 'README.md'), '# not a catalogue');
    mkdirSync(join(dir, 'drafts.yaml'));

    const result = await loadCatalogFromPath(dir);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalog.parties.map((p) => p.id)).toEqual(['it', 'desk']);
    expect(result.catalog.calendars.map((c) => c.id)).toEqual(['office']);
    expect(result.catalog.agreements[0].objectives[0].target).toEqual({ unit: 'seconds', value: 900 });
  });

  it('names the file of each problem and loads nothing when one file is bad', async () => {
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team }\n');
    writeFileSync(join(dir, 'b.yaml'), 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team }\n');

    const result = await loadCatalogFromPath(dir);

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          file: join(dir, 'b.yaml'),
          line: 3,
          column: 11,
          path: 'parties[0].id',
          message: `duplicate party id "it" (first defined at ${join(dir, 'a.yaml')}:3)`,
        },
      ],
    });
  });

  it('loads a single file', async () => {
    const file = join(dir, 'catalog.yaml');
    writeFileSync(file, 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team }\n');
    const result = await loadCatalogFromPath(file);
    expect(result.ok && result.catalog.parties).toEqual([{ id: 'it', kind: 'team' }]);
  });

  it('reports a missing path and a folder without catalogue files', async () => {
    expect(await loadCatalogFromPath(join(dir, 'nope.yaml'))).toEqual({
      ok: false,
      problems: [{ file: join(dir, 'nope.yaml'), path: '', message: 'no such file or folder' }],
    });
    expect(await loadCatalogFromPath(dir)).toEqual({
      ok: false,
      problems: [{ file: dir, path: '', message: 'the folder holds no .yaml or .yml files' }],
    });
  });
});
