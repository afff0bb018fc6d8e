export type { Problem } from './problem.type';
export { ProblemsError } from './problems.exception';
export { formatProblem, formatProblems, sortProblems } from './format-problems.util';
export { loadCatalog, type CatalogFile, type CatalogResult } from './load-catalog.util';
export { loadCatalogFromPath } from './load-catalog-from-path.util';
export { parseDuration, parseMilliseconds, parsePercent, isKnownTimezone } from './catalog-units.util';
export { isIsoDate, parseIsoInstant } from './iso-time.util';
export { API_VERSION, CATALOG_KEYS } from './catalog-keys.constant';
export { closestMatch, didYouMean } from './did-you-mean.util';
