import type { Seconds } from '../catalog/catalog.model';

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

/**
 * A duration as the catalogue and the settings are written, for text a reader may copy back
 * into either: `90s` → `1m30s`, `15m`, `1h30m`, `2d`, `1d12h` (a day is 24 counted hours),
 * `0s`. Each unit below the next, to the nearest second (less than nothing is `0s`), so that
 * the catalogue's parseDuration reads back exactly the seconds written.
 */
export function formatCatalogDuration(seconds: Seconds): string {
  let rest = wholeSeconds(seconds);
  if (rest === 0) return '0s';
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}

/**
 * A duration for people, in sentences of messages and explanations: `2 h 42 m`, `19 m`,
 * `26 h 30 s`, `45 s`, `0 m`. Hours, minutes and seconds, each only when not zero, to the
 * nearest second. Never days: counted time on an office calendar read as `1 d` would pass
 * for a calendar day.
 */
export function formatReadableDuration(seconds: Seconds): string {
  const total = wholeSeconds(seconds);
  const parts: string[] = [];
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const rest = total % 60;
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} m`);
  if (rest > 0) parts.push(`${rest} s`);
  return parts.length > 0 ? parts.join(' ') : '0 m';
}

function wholeSeconds(seconds: Seconds): number {
  return Math.round(Math.max(0, seconds));
}
