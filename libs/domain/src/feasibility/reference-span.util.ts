import type { AgreementSpec, Catalog, EpochMs } from '../catalog/catalog.model';

const DAY_MS = 86_400_000;
const FALLBACK_YEAR = 2001;

function startOfDate(date: string): EpochMs {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

/** See FeasibilityOptions.span: the year over which an agreement's calendars are compared. */
export function referenceSpan(agreement: AgreementSpec, catalog: Catalog): { from: EpochMs; to: EpochMs } {
  let from: EpochMs;
  if (agreement.effective.from) {
    from = startOfDate(agreement.effective.from);
  } else {
    const holidays = catalog.calendars.flatMap((calendar) => calendar.holidays).sort();
    const year = holidays.length ? Number(holidays[0].slice(0, 4)) : FALLBACK_YEAR;
    from = Date.UTC(year, 0, 1);
  }
  return { from, to: from + 365 * DAY_MS };
}
