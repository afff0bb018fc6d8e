import { InvalidPeriodInputException } from './invalid-period-input.exception';

/**
 * The 1-based rank nearest rank picks among `n` ≥ 1 samples: ⌈p/100 × N⌉, at least 1
 * (p = 0 gives the smallest).
 */
export function nearestRankOf(n: number, p: number): number {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw new InvalidPeriodInputException('percentile', `expected a number from 0 to 100, got ${p}`);
  }
  // p × N is exact for whole percentiles, so the tolerance only absorbs the division's
  // rounding (95 × 20 / 100 must be rank 19, not 20).
  const rank = Math.ceil((p * n) / 100 - 1e-9);
  return Math.min(n, Math.max(1, rank));
}

/**
 * The nearest-rank percentile of an ascending array: the value at rank ⌈p/100 × N⌉
 * (1-based; p = 0 gives the smallest). Undefined for no samples.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  const rank = nearestRankOf(sorted.length, p);
  return sorted.length === 0 ? undefined : sorted[rank - 1];
}

/** A growable buffer of doubles: 8 bytes a sample, sorted in place once when asked. */
export class SampleBuffer {
  private values = new Float64Array(64);
  private length = 0;
  private sorted = true;

  get size(): number {
    return this.length;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    if (this.sorted && this.length > 0 && value < this.values[this.length - 1]) this.sorted = false;
    this.values[this.length++] = value;
  }

  /** The samples in ascending order (a view; valid until the next push). */
  ascending(): Float64Array {
    const view = this.values.subarray(0, this.length);
    if (!this.sorted) {
      view.sort();
      this.sorted = true;
    }
    return view;
  }

  percentile(p: number): number | undefined {
    return nearestRank(this.ascending(), p);
  }
}

/** Exact nearest-rank percentiles per group (e.g. region × period). */
export class PercentileAccumulator {
  private readonly buffers = new Map<string, SampleBuffer>();

  add(group: string, value: number): void {
    if (!Number.isFinite(value)) throw new InvalidPeriodInputException('value', `expected a finite number, got ${value}`);
    let buffer = this.buffers.get(group);
    if (!buffer) {
      buffer = new SampleBuffer();
      this.buffers.set(group, buffer);
    }
    buffer.push(value);
  }

  groups(): string[] {
    return [...this.buffers.keys()];
  }

  count(group: string): number {
    return this.buffers.get(group)?.size ?? 0;
  }

  percentile(group: string, p: number): number | undefined {
    const buffer = this.buffers.get(group);
    return buffer ? buffer.percentile(p) : nearestRank([], p);
  }
}

/** Share of bad outcomes per group (lossy intervals, failed call setups). */
export class RatioAccumulator {
  private readonly counts = new Map<string, { bad: number; all: number }>();

  add(group: string, bad: boolean): void {
    let c = this.counts.get(group);
    if (!c) {
      c = { bad: 0, all: 0 };
      this.counts.set(group, c);
    }
    c.all++;
    if (bad) c.bad++;
  }

  groups(): string[] {
    return [...this.counts.keys()];
  }

  count(group: string): number {
    return this.counts.get(group)?.all ?? 0;
  }

  /** bad / all; undefined when the group saw nothing. */
  ratio(group: string): number | undefined {
    const c = this.counts.get(group);
    return c && c.all > 0 ? c.bad / c.all : undefined;
  }
}

/** Arithmetic mean per group (MOS). */
export class MeanAccumulator {
  private readonly sums = new Map<string, { sum: number; n: number }>();

  add(group: string, value: number): void {
    if (!Number.isFinite(value)) throw new InvalidPeriodInputException('value', `expected a finite number, got ${value}`);
    let s = this.sums.get(group);
    if (!s) {
      s = { sum: 0, n: 0 };
      this.sums.set(group, s);
    }
    s.sum += value;
    s.n++;
  }

  groups(): string[] {
    return [...this.sums.keys()];
  }

  count(group: string): number {
    return this.sums.get(group)?.n ?? 0;
  }

  mean(group: string): number | undefined {
    const s = this.sums.get(group);
    return s && s.n > 0 ? s.sum / s.n : undefined;
  }
}
