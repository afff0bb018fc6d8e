// Where specs find files: inside the repository through repositoryPath, and in the `shared`
// folder checked out beside it (design notes, specifications) through sharedPath alone, so
// no spec hard-codes a machine's layout.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The repository's root (this file is libs/testing/src/, and is never compiled into dist/). */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

/** A path inside the repository, from segments relative to its root. */
export function repositoryPath(...segments: string[]): string {
  return insideOf(REPOSITORY_ROOT, segments, 'the repository');
}

/**
 * A file or folder of `../shared`, the folder beside the repository that holds what several
 * projects share. Fails, naming what is missing and where it was looked for, when it is not
 * there, instead of leaving a spec to fail later on an unreadable path.
 */
export function sharedPath(path: string, root: string = REPOSITORY_ROOT): string {
  const shared = resolve(root, '..', 'shared');
  const target = insideOf(shared, [path], '../shared');
  if (!existsSync(shared)) {
    throw new Error(`${path} is in ../shared, the folder beside the repository, and there is no such folder (looked for ${shared}); check it out beside the repository`);
  }
  if (!existsSync(target)) throw new Error(`${path} is missing from ../shared (looked for ${target})`);
  return target;
}

function insideOf(base: string, segments: string[], name: string): string {
  const target = join(base, ...segments);
  const rest = relative(base, target);
  if (rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest)) throw new Error(`${segments.join('/')} is not inside ${name}`);
  return target;
}
