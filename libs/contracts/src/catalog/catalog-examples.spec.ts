import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { CATALOG_KEYS } from './catalog-keys.constant';
import { compileCatalogSchemaWithAjv } from './catalog-schema-ajv.spec-helper';
import { formatProblems } from './format-problems.util';
import { loadCatalog } from './load-catalog.util';

const ROOT = join(__dirname, '../../../..');
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', 'tmp']);
const CATALOG_FILE = /^apiVersion: underpin\/v1$/m;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * A Markdown page's catalogue: its YAML blocks whose top-level keys are all catalogue keys,
 * read as one file (a page shows a catalogue in parts, with prose between them).
 */
function catalogueOfPage(markdown: string): string | undefined {
  const blocks = [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  const known: readonly string[] = CATALOG_KEYS.catalog;
  const parts = blocks.filter((block) => {
    const value = parse(block) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => known.includes(key));
  });
  return parts.length > 0 ? parts.join('') : undefined;
}

/** Every catalogue in the repository: YAML files of the format, and the catalogues the docs show. */
function exampleCatalogues(): Array<{ path: string; text: string }> {
  return filesUnder(ROOT).flatMap((path) => {
    const name = relative(ROOT, path);
    if (/\.ya?ml$/.test(path)) {
      const text = readFileSync(path, 'utf8');
      return CATALOG_FILE.test(text) ? [{ path: name, text }] : [];
    }
    if (path.endsWith('.md')) {
      const text = catalogueOfPage(readFileSync(path, 'utf8'));
      return text === undefined ? [] : [{ path: name, text }];
    }
    return [];
  });
}

const EXAMPLES = exampleCatalogues();

const validate = compileCatalogSchemaWithAjv();

describe('the example catalogues of the repository', () => {
  it('are found wherever they are kept', () => {
    expect(EXAMPLES.map((example) => example.path)).toEqual(
      expect.arrayContaining(['examples/meetings/catalog.yaml', 'bench/domain/bench-catalog.yaml', 'docs/agreements-as-code.md']),
    );
  });

  it.each(EXAMPLES.map((example) => [example.path, example]))('%s loads without a problem', (_path, example) => {
    const result = loadCatalog({ files: [example] });
    expect(result.ok ? '' : formatProblems(result.problems)).toBe('');
  });

  it.each(EXAMPLES.map((example) => [example.path, example]))('%s is valid against catalog.schema.json', (_path, example) => {
    expect(validate(parse(example.text)) ? [] : validate.errors).toEqual([]);
  });
});
