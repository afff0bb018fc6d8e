import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MEETINGS_CATALOG_PATH = join(__dirname, '..', '..', '..', 'examples', 'meetings', 'catalog.yaml');

export function meetingsText(): string {
  return readFileSync(MEETINGS_CATALOG_PATH, 'utf8');
}

/** The example as two files: everything before `agreements:`, then the rest. */
export function meetingsFiles(): Array<{ path: string; text: string }> {
  const text = meetingsText();
  const cut = text.indexOf('\nagreements:');
  return [
    { path: 'base.yaml', text: text.slice(0, cut + 1) },
    { path: 'agreements.yaml', text: `apiVersion: underpin/v1\n${text.slice(cut + 1)}` },
  ];
}

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
