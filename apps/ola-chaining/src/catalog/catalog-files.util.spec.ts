import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogFiles } from './catalog-files.util';

describe(readCatalogFiles.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-files-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one file under the name it was given', async () => {
    writeFileSync(join(dir, 'catalog.yaml'), 'apiVersion: underpin/v1\n');
    expect(await readCatalogFiles(join(dir, 'catalog.yaml'))).toEqual({ ok: true, files: [{ path: join(dir, 'catalog.yaml'), text: 'apiVersion: underpin/v1\n' }] });
  });

  it('reads the YAML files directly in a folder, in name order, and nothing else', async () => {
    writeFileSync(join(dir, 'b.yml'), 'b');
    writeFileSync(join(dir, 'a.yaml'), 'a');
    writeFileSync(join(dir, 'notes.md'), 'not a catalogue');
    mkdirSync(join(dir, 'nested.yaml'));
    const result = await readCatalogFiles(dir);
    expect(result).toEqual({ ok: true, files: [{ path: join(dir, 'a.yaml'), text: 'a' }, { path: join(dir, 'b.yml'), text: 'b' }] });
  });

  it('reports a missing path and a folder without catalogue files as problems of that path', async () => {
    expect(await readCatalogFiles(join(dir, 'missing.yaml'))).toEqual({ ok: false, problems: [{ file: join(dir, 'missing.yaml'), path: '', message: 'no such file or folder' }] });
    expect(await readCatalogFiles(dir)).toEqual({ ok: false, problems: [{ file: dir, path: '', message: 'the folder holds no .yaml or .yml files' }] });
  });
});
