import { formatProblems, loadCatalog, type CatalogFile } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';

/**
 * The catalogue a spec writes in YAML, as the loader reads it: one text (named
 * catalog.yaml) or several files. A spec's catalogue is meant to be valid, so a problem
 * fails the spec with the loader's own messages.
 */
export function catalogFromYaml(source: string | CatalogFile[]): Catalog {
  const files = typeof source === 'string' ? [{ path: 'catalog.yaml', text: source }] : source;
  const result = loadCatalog({ files });
  if (!result.ok) throw new Error(`the spec's catalogue is invalid:\n${formatProblems(result.problems)}`);
  return result.catalog;
}
