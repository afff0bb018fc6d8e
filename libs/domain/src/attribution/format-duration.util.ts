import type { Seconds } from '../catalog/catalog.model';

/** "2 h 42 m", "19 m", "45 s": counted time as people read it, to the second. */
export function formatDuration(seconds: Seconds): string {
  const total = Math.round(Math.max(0, seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} m`);
  if (rest > 0) parts.push(`${rest} s`);
  return parts.length > 0 ? parts.join(' ') : '0 m';
}
