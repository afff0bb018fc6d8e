import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found by walking up from this file (works from sources and from
 * dist/). Committed assets (supergraph, demo catalogue, portal) are read relative to it.
 */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'underpin') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Underpin repository root above ${from}`);
    dir = parent;
  }
}
