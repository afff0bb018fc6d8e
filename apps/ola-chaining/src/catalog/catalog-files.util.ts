import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogFile, Problem } from '@underpin/contracts';

const YAML_FILE = /\.ya?ml$/i;

export type CatalogFilesResult = { ok: true; files: CatalogFile[] } | { ok: false; problems: Problem[] };

/**
 * The texts of a catalogue file, or of every `*.yaml` / `*.yml` directly in a folder in name
 * order (the loader's merge order), named as the setting names them so problems point there.
 */
export async function readCatalogFiles(fileOrDir: string): Promise<CatalogFilesResult> {
  try {
    const info = await stat(fileOrDir);
    const paths = info.isDirectory()
      ? (await readdir(fileOrDir, { withFileTypes: true }))
          .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
          .map((entry) => entry.name)
          .sort()
          .map((name) => join(fileOrDir, name))
      : [fileOrDir];
    if (paths.length === 0) return { ok: false, problems: [{ file: fileOrDir, path: '', message: 'the folder holds no .yaml or .yml files' }] };
    return { ok: true, files: await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') }))) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const message = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : `cannot read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ file: fileOrDir, path: '', message }] };
  }
}
