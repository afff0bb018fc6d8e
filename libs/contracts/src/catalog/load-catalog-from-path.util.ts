import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalog, type CatalogFile, type CatalogResult } from './load-catalog.util';

const YAML_FILE = /\.ya?ml$/i;

/**
 * Loads a catalogue from one YAML file, or from every `*.yaml` / `*.yml` file directly in a
 * folder, read in name order so that problems and merges come out the same on every machine.
 */
export async function loadCatalogFromPath(fileOrDir: string): Promise<CatalogResult> {
  let files: CatalogFile[];
  try {
    const info = await stat(fileOrDir);
    const paths = info.isDirectory() ? await yamlFilesIn(fileOrDir) : [fileOrDir];
    if (paths.length === 0) {
      return { ok: false, problems: [{ file: fileOrDir, path: '', message: 'the folder holds no .yaml or .yml files' }] };
    }
    files = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
  } catch (error) {
    return { ok: false, problems: [{ file: fileOrDir, path: '', message: describeFsError(error) }] };
  }
  return loadCatalog({ files });
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(dir, name));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}
