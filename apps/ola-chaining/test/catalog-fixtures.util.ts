import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A third file adding one underpinning contract. */
export const EXTRA_FILE = {
  path: 'extra.yaml',
  text: `apiVersion: underpin/v1
agreements:
  - id: uc-extra
    kind: UC
    provider: meetcloud
    consumer: it
    objectives:
      - { id: p3-restore, metric: restore_time, priority: P3, target: 24h }
`,
};

/** A folder holding `files`, as UNDERPIN_CATALOG may name one. */
export function catalogFolder(files: Array<{ path: string; text: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'underpin-catalog-'));
  for (const file of files) writeFileSync(join(dir, file.path), file.text);
  return dir;
}
