import type { EpochMs } from '../catalog/catalog.model';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The `YYYY-MM-DD` date of an instant on the wall calendars of an IANA zone. */
export function localDateOf(at: EpochMs, timezone: string): string {
  if (timezone === 'UTC') return new Date(at).toISOString().slice(0, 10);
  let format = formatters.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, format);
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of format.formatToParts(at)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}
