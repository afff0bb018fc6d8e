import { loadCatalogFromPath, ProblemsError } from '@underpin/contracts';
import type { Catalog } from '@underpin/domain';

/** The catalogue at `path`, or every problem with it thrown as one error (exit code 2). */
export async function loadCatalogOrThrow(path: string): Promise<Catalog> {
  const result = await loadCatalogFromPath(path);
  if (!result.ok) throw new ProblemsError(result.problems);
  return result.catalog;
}
