/**
 * Interval lists are flat number arrays `[start0, end0, start1, end1, …]`, half-open,
 * ascending and disjoint: compact and cheap to scan in the hot path.
 */

/** Appends [start, end), joining it to the last interval when they touch or overlap. */
export function appendInterval(out: number[], start: number, end: number): void {
  if (!(end > start)) return;
  const last = out.length - 1;
  if (last > 0 && out[last] >= start) {
    if (end > out[last]) out[last] = end;
    return;
  }
  out.push(start, end);
}

/** Sorts and joins an unordered flat list of intervals. */
export function unionIntervals(flat: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of pairs) appendInterval(out, start, end);
  return out;
}

/** The parts of `open` not covered by `cut`; both normalised. */
export function subtractIntervals(open: number[], cut: number[]): number[] {
  if (cut.length === 0) return open;
  const out: number[] = [];
  let c = 0;
  for (let i = 0; i < open.length; i += 2) {
    let start = open[i];
    const end = open[i + 1];
    while (c < cut.length && cut[c + 1] <= start) c += 2;
    let k = c;
    while (k < cut.length && cut[k] < end) {
      if (cut[k] > start) out.push(start, cut[k]);
      // Cuts are disjoint and this one ends after `start`, so the open part resumes at its end.
      start = cut[k + 1];
      if (start >= end) break;
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return out;
}

/** Index of the last interval starting at or before `at`, or -1. */
export function lastIntervalStartingBy(bounds: number[], at: number): number {
  let lo = 0;
  let hi = bounds.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[2 * mid] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Seconds as whole milliseconds, rounded up: counted time is kept in milliseconds, so a
 * count read back as seconds (ms / 1000) is a float a few ulps off its exact value. Those
 * ulps grow with the magnitude (a year of seconds times 1000 is ~3e10, where one ulp is ~4e-6),
 * so the slack allowed for them is relative, never enough to swallow a real fraction.
 */
export function secondsToWholeMs(seconds: number): number {
  const exact = seconds * 1000;
  return Math.ceil(exact - Math.max(1e-6, Math.abs(exact) * 16 * Number.EPSILON));
}
