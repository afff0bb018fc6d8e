import type { EpochMs } from '../catalog/catalog.model';

/** ISO-8601 UTC to the second, milliseconds only when there are some: `2026-03-03T12:52:00Z`. */
export function isoInstant(at: EpochMs): string {
  const text = new Date(at).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
