import type { EpochMs, Ratio, Seconds } from '../catalog/catalog.model';

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
