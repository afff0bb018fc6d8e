import type { EpochMs } from '../catalog/catalog.model';
import type { ClockState } from './clock.model';
import type { IncidentTimeline, PauseSpan, TimeSpan } from './incident-timeline.model';

/**
 * Which stretches of the timeline a clock counts:
 * - response: opened → first acknowledged (a resolution without one also ends it);
 * - resolution: every open stretch, minus pauses whose reason is listed;
 * - segment: the stretches one party held the incident, minus pauses whose reason is listed.
 */
export type ClockBasis = 'response' | 'resolution' | 'segment';

/** Receives the counted wall-clock pieces of a clock, in order, each non-empty. */
export interface PieceSink {
  piece(from: EpochMs, to: EpochMs): void;
}

/**
 * Feeds `sink` the wall-clock pieces during which a clock runs up to `now`, without
 * allocating: this sits on the hot path of every clock evaluation.
 */
export function walkClock(
  timeline: IncidentTimeline,
  basis: ClockBasis,
  party: string | undefined,
  pauseOn: readonly string[],
  now: EpochMs,
  sink: PieceSink,
): void {
  if (basis === 'response') {
    const opened = timeline.openedAt;
    if (opened === undefined || opened >= now) return;
    const end = Math.min(responseStop(timeline), now);
    if (end > opened) sink.piece(opened, end);
    return;
  }
  const spans: readonly TimeSpan[] = basis === 'resolution' ? timeline.open : timeline.holders;
  const pauses = timeline.pauses;
  let first = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (basis === 'segment' && (span as { party?: string }).party !== party) continue;
    if (span.from >= now) break;
    const end = span.to === undefined || span.to > now ? now : span.to;
    let cursor = span.from;
    while (first < pauses.length && pauseEnd(pauses[first], now) <= cursor) first++;
    for (let k = first; k < pauses.length; k++) {
      const pause = pauses[k];
      if (pause.from >= end) break;
      if (pauseOn.indexOf(pause.reason) < 0) continue;
      if (pause.from > cursor) sink.piece(cursor, pause.from);
      const resume = pauseEnd(pause, now);
      if (resume > cursor) cursor = resume;
    }
    if (end > cursor) sink.piece(cursor, end);
  }
}

/** Where a clock starts: its first counted stretch's start, before pauses. */
export function clockStart(timeline: IncidentTimeline, basis: ClockBasis, party: string | undefined): EpochMs | undefined {
  if (basis !== 'segment') return timeline.openedAt;
  for (const span of timeline.holders) if (span.party === party) return span.from;
  return undefined;
}

/** The clock's state at `now`, judged by the same spans the walk counts. */
export function clockStateAt(
  timeline: IncidentTimeline,
  basis: ClockBasis,
  party: string | undefined,
  pauseOn: readonly string[],
  now: EpochMs,
): ClockState {
  const start = clockStart(timeline, basis, party);
  if (start === undefined || start > now) return 'pending';
  if (basis === 'response') return responseStop(timeline) <= now ? 'stopped' : 'running';
  const spans: readonly TimeSpan[] = basis === 'resolution' ? timeline.open : timeline.holders;
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if (span.from > now) continue;
    if (basis === 'segment' && (span as { party?: string }).party !== party) continue;
    if (span.to !== undefined && span.to <= now) return 'stopped';
    return pausedAt(timeline.pauses, pauseOn, now) ? 'paused' : 'running';
  }
  return 'stopped';
}

/**
 * The wall-clock stretches a clock may count before pauses (every open stretch, the
 * response interval, or the party's holdings), clipped to `now`; `to` is absent for one
 * still going on at `now`.
 */
export function clockExtent(timeline: IncidentTimeline, basis: ClockBasis, party: string | undefined, now: EpochMs): TimeSpan[] {
  const extent: TimeSpan[] = [];
  if (basis === 'response') {
    const opened = timeline.openedAt;
    if (opened === undefined || opened > now) return extent;
    const stop = responseStop(timeline);
    extent.push(stop <= now ? { from: opened, to: stop } : { from: opened });
    return extent;
  }
  const spans: readonly TimeSpan[] = basis === 'resolution' ? timeline.open : timeline.holders;
  for (const span of spans) {
    if (basis === 'segment' && (span as { party?: string }).party !== party) continue;
    if (span.from > now) break;
    extent.push(span.to !== undefined && span.to <= now ? { from: span.from, to: span.to } : { from: span.from });
  }
  return extent;
}

function responseStop(timeline: IncidentTimeline): EpochMs {
  const acknowledged = timeline.acknowledgedAt ?? Number.POSITIVE_INFINITY;
  const firstResolved = timeline.open.length > 0 ? (timeline.open[0].to ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  return acknowledged < firstResolved ? acknowledged : firstResolved;
}

function pauseEnd(pause: PauseSpan, now: EpochMs): EpochMs {
  return pause.to === undefined || pause.to > now ? now : pause.to;
}

function pausedAt(pauses: readonly PauseSpan[], pauseOn: readonly string[], now: EpochMs): boolean {
  for (let k = pauses.length - 1; k >= 0; k--) {
    const pause = pauses[k];
    if (pause.from > now) continue;
    return (pause.to === undefined || pause.to > now) && pauseOn.indexOf(pause.reason) >= 0;
  }
  return false;
}
