import type { BusinessCalendar } from '../calendar/business-calendar.type';
import type { EpochMs, Ratio, Seconds, Window } from '../catalog/catalog.model';
import type { ProbeSample } from '../catalog/events.model';
import { InvalidPeriodInputException } from './invalid-period-input.exception';
import type { PeriodKey } from './period.type';
import { periodsBetween } from './period.util';

export interface AvailabilityResult {
  /** Counted calendar time in the period (maintenance already left out by the calendar). */
  measuredSeconds: Seconds;
  /** Counted calendar time during which the last probe said down. */
  downSeconds: Seconds;
  /** 1 − down / measured; 1 when nothing was measured (a period the calendar never opens). */
  value: Ratio;
}

export interface AvailabilityPeriodResult extends AvailabilityResult {
  period: PeriodKey;
  /** The measured stretch: the period clipped to the accumulator's range. */
  from: EpochMs;
  to: EpochMs;
}

// Hot-path builtins bound once: inside a vm context (as under Jest) every global lookup is
// an intercepted property access, which costs more than the work it guards.
const isFiniteNumber = Number.isFinite;
const max = Math.max;
const min = Math.min;

interface Bucket {
  from: EpochMs;
  to: EpochMs;
  down: Seconds;
}

/**
 * The state machine behind every availability figure. The state is a step function of
 * time: up until the first probe, then whatever the latest probe said. A probe before the
 * range therefore sets the state at the range's start. Down stretches are handed to the
 * calendar only when they end, so a run of probes in one state costs nothing more than a
 * comparison each, and the whole evaluation is O(probes + open intervals crossed while down).
 */
class DowntimeRecorder {
  private down = false;
  private downSince: EpochMs = 0;
  private lastAt = -Infinity;
  private bucketIndex = 0;
  private finished = false;
  private readonly from: EpochMs;
  private readonly to: EpochMs;

  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly buckets: Bucket[],
  ) {
    this.from = buckets.length ? buckets[0].from : 0;
    this.to = buckets.length ? buckets[buckets.length - 1].to : 0;
  }

  /** `name(index)` names the probe in errors; the string is built only when one is thrown. */
  add(at: EpochMs, ok: boolean, index: number, name: (index: number) => string): void {
    if (!(at >= this.lastAt) || !isFiniteNumber(at) || typeof ok !== 'boolean' || this.finished) {
      this.reject(at, ok, name(index));
    }
    this.lastAt = at;
    if (at >= this.to) {
      this.close();
      return;
    }
    const start = at > this.from ? at : this.from;
    if (this.down && ok) this.record(this.downSince, start);
    else if (!this.down && !ok) this.downSince = start;
    this.down = !ok;
  }

  private reject(at: EpochMs, ok: unknown, field: string): never {
    if (this.finished) throw new InvalidPeriodInputException(field, 'probe added after the results were taken');
    if (!Number.isFinite(at)) throw new InvalidPeriodInputException(`${field}.at`, `expected epoch milliseconds, got ${at}`);
    if (typeof ok !== 'boolean') throw new InvalidPeriodInputException(`${field}.ok`, `expected true or false, got ${String(ok)}`);
    if (at < this.lastAt) {
      throw new InvalidPeriodInputException(`${field}.at`, `probes must come in time order (${at} follows ${this.lastAt})`);
    }
    throw new InvalidPeriodInputException(field, 'invalid probe');
  }

  finish(): Bucket[] {
    this.close();
    this.finished = true;
    return this.buckets;
  }

  /** Ends the last down stretch at the end of the range; later probes change nothing. */
  private close(): void {
    if (this.down) this.record(this.downSince, this.to);
    this.down = false;
    this.downSince = this.to;
  }

  private record(from: EpochMs, to: EpochMs): void {
    const buckets = this.buckets;
    while (this.bucketIndex < buckets.length && buckets[this.bucketIndex].to <= from) this.bucketIndex++;
    for (let i = this.bucketIndex; i < buckets.length && buckets[i].from < to; i++) {
      const b = buckets[i];
      b.down += this.calendar.countSeconds(max(from, b.from), min(to, b.to));
    }
  }
}

const probesField = (i: number) => `probes[${i}]`;
const probeField = (i: number) => `probe #${i}`;

function resultOf(calendar: BusinessCalendar, bucket: Bucket): AvailabilityResult {
  const measuredSeconds = calendar.countSeconds(bucket.from, bucket.to);
  const downSeconds = Math.min(bucket.down, measuredSeconds);
  return { measuredSeconds, downSeconds, value: measuredSeconds > 0 ? 1 - downSeconds / measuredSeconds : 1 };
}

function checkRange(from: EpochMs, to: EpochMs, field: string): void {
  if (!Number.isFinite(from)) throw new InvalidPeriodInputException(`${field}.from`, `expected epoch milliseconds, got ${from}`);
  if (!Number.isFinite(to) || to < from) {
    throw new InvalidPeriodInputException(`${field}.to`, `expected epoch milliseconds not before from, got ${to}`);
  }
}

export interface AvailabilityInput {
  /** Probes of one service and region, in time order; earlier ones may set the starting state. */
  probes: ReadonlyArray<Pick<ProbeSample, 'at' | 'ok'> & Partial<Pick<ProbeSample, 'service' | 'region'>>>;
  period: { from: EpochMs; to: EpochMs };
  /** The objective's calendar, with excluded maintenance already taken out. */
  calendar: BusinessCalendar;
}

/**
 * Availability of one service in one region over one period (the spec's rule: each probe
 * holds until the next, the last to the end of the period, time before the first is up,
 * and only calendar time counts on either side of the ratio).
 */
export function availability(input: AvailabilityInput): AvailabilityResult {
  const { probes, period, calendar } = input;
  checkRange(period.from, period.to, 'period');
  const first = probes[0];
  const recorder = new DowntimeRecorder(calendar, [{ from: period.from, to: period.to, down: 0 }]);
  for (let i = 0; i < probes.length; i++) {
    const p = probes[i];
    if (first && (p.service !== first.service || p.region !== first.region)) {
      throw new InvalidPeriodInputException(
        `probes[${i}]`,
        `all probes must be of one service and region (${String(first.service)}/${String(first.region)}), got ${String(p.service)}/${String(p.region)}`,
      );
    }
    recorder.add(p.at, p.ok, i, probesField);
  }
  return resultOf(calendar, recorder.finish()[0]);
}

export interface AvailabilityAccumulatorOptions {
  calendar: BusinessCalendar;
  window: Window;
  /** Zone of the agreement's periods. */
  timezone: string;
  /** The evaluated range; the first and last periods are measured only inside it. */
  from: EpochMs;
  to: EpochMs;
}

/**
 * Availability per period for one objective, service and region, fed probe by probe in
 * time order (a backtest streams a year of per-minute probes through it). Memory is
 * O(periods), whatever the number of probes.
 */
export class AvailabilityAccumulator {
  private readonly recorder: DowntimeRecorder;
  private readonly calendar: BusinessCalendar;
  private readonly keys: PeriodKey[];
  private count = 0;

  constructor(options: AvailabilityAccumulatorOptions) {
    checkRange(options.from, options.to, 'range');
    this.calendar = options.calendar;
    const buckets = periodsBetween(options.from, options.to, options.window, options.timezone).map((p) => ({
      from: Math.max(p.from, options.from),
      to: Math.min(p.to, options.to),
      down: 0,
      key: p.key,
    }));
    this.keys = buckets.map((b) => b.key);
    this.recorder = new DowntimeRecorder(options.calendar, buckets);
  }

  add(probe: Pick<ProbeSample, 'at' | 'ok'>): void {
    this.recorder.add(probe.at, probe.ok, this.count++, probeField);
  }

  /** Closes the stream (the last state holds to the end of the range) and reports every period. */
  results(): AvailabilityPeriodResult[] {
    return this.recorder.finish().map((bucket, i) => ({
      period: this.keys[i],
      from: bucket.from,
      to: bucket.to,
      ...resultOf(this.calendar, bucket),
    }));
  }
}
