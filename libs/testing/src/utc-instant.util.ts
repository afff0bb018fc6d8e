import type { EpochMs } from '@underpin/domain';

const ISO = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/;
const ZONED = /(Z|[+-]\d\d:\d\d)$/;

/**
 * An instant written in UTC: `utc('2026-03-03T09:12:00')` and `utc('2026-03-03T09:12:00Z')`
 * are the same instant. A time without a zone is read as UTC, never in the zone the
 * machine running the spec happens to be in.
 */
export function utc(iso: string): EpochMs {
  if (!ISO.test(iso)) throw new RangeError(`utc: not an ISO instant: ${iso}`);
  return Date.parse(ZONED.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
}
