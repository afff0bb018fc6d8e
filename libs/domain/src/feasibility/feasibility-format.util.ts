import type { EpochMs, Ratio, Seconds } from '../catalog/catalog.model';

/** `4h13m`, `12h30m`, `4d20h` (a day is 24 h), `45s`: the catalogue's own duration style. */
export function formatDuration(seconds: Seconds): string {
  const whole = Math.round(seconds);
  if (whole === 0) return '0m';
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3_600);
  const minutes = Math.floor((whole % 3_600) / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  // Seconds are noise next to hours.
  if (rest && !days && !hours) parts.push(`${rest}s`);
  return parts.length ? parts.join('') : `${whole}s`;
}

/** Hours with thousands separated, for yearly totals: `1 984 h`. */
export function formatHours(seconds: Seconds): string {
  const hours = Math.round(seconds / 3_600);
  return `${String(hours).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} h`;
}

/** A ratio as a percentage with as many decimals as it needs, at most `maxDecimals`. */
export function formatPercent(ratio: Ratio, maxDecimals = 3): string {
  const fixed = (ratio * 100).toFixed(maxDecimals);
  return `${fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed} %`;
}

/** Minute precision is what a reader of a finding needs: `2026-04-02T14:00Z`. */
export function formatInstant(at: EpochMs): string {
  return new Date(at).toISOString().slice(0, 16) + 'Z';
}

export function formatDate(at: EpochMs): string {
  return new Date(at).toISOString().slice(0, 10);
}
