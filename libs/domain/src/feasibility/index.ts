export type { Finding, FindingKind, FeasibilityOptions } from './finding.type';
export { catalogCalendars } from './catalog-calendars.util';
export * from './analyze-feasibility.util';
export { worstCasePath, type PathStep, type WorstCase } from './worst-case-path.util';
export { calendarCoverage, type Coverage } from './calendar-coverage.util';
export { referenceSpan } from './reference-span.util';
