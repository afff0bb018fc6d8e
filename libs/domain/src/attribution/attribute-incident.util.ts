import type { Catalog, EpochMs, ObjectiveRef, ObjectiveSpec, Priority } from '../catalog/catalog.model';
import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { findObjective, refKey, underpinningChain } from '../clock/applicable-objectives.util';
import { clockExtent, walkClock, type PieceSink } from '../clock/clock-walk.util';
import type { CalendarResolver } from '../clock/clock.model';
import { clockBasisOf, evaluateClock } from '../clock/evaluate-clock.util';
import type { IncidentTimeline, TimeSpan } from '../clock/incident-timeline.model';
import { partiesThatHeld, priorityAt } from '../clock/incident-timeline.util';
import { priorityOf } from '../clock/priority.util';
import type { AttributionStretch, IncidentAttribution, PartyShare, SegmentAttribution } from './attribution.model';
import { formatReadableDuration } from '../duration/format-duration.util';

export interface AttributeIncidentInput {
  catalog: Catalog;
  /** The SLA response or resolution objective whose clock is split. */
  sla: ObjectiveRef;
  timeline: IncidentTimeline;
  calendarOf: CalendarResolver;
  now: EpochMs;
}

class PieceCollector implements PieceSink {
  readonly pieces: Array<[EpochMs, EpochMs]> = [];
  piece(from: EpochMs, to: EpochMs): void {
    this.pieces.push([from, to]);
  }
}

/**
 * Splits an SLA objective's clock over the stretches of the incident in each party's hands
 * (and the pauses inside them), then compares every party that held the incident with the
 * underpinning OLA/UC objectives it provides (through the whole `underpinnedBy` chain):
 * "netops used 2 h 42 m of a 2 h OLA; meetcloud stayed inside its UC".
 */
export function attributeIncident(input: AttributeIncidentInput): IncidentAttribution {
  const { catalog, sla, timeline, calendarOf, now } = input;
  const found = findObjective(catalog, sla);
  if (found === undefined) throw new RangeError(`sla: no objective ${refKey(sla)} in the catalogue`);
  const { agreement, objective } = found;
  const basis = clockBasisOf(objective);
  if (basis === 'segment') throw new RangeError(`sla: ${refKey(sla)} measures one party's segments; attribution splits response and resolution clocks`);
  const calendar = calendarOf(objective.calendar);
  const clock = evaluateClock({ objective, calendar, timeline, now, party: agreement.provider });

  const pauseOn = basis === 'response' ? [] : objective.pauseOn;
  const collector = new PieceCollector();
  walkClock(timeline, basis, undefined, pauseOn, now, collector);
  const pauses = timeline.pauses.filter((pause) => pauseOn.includes(pause.reason)).map((pause): [EpochMs, EpochMs] => [pause.from, pause.to ?? now]);
  const stretches = holdingStretches(timeline, clockExtent(timeline, basis, undefined, now), now).map(
    (stretch): AttributionStretch => ({
      ...stretch,
      elapsedSeconds: overlapSeconds(calendar, collector.pieces, stretch, now),
      pausedSeconds: overlapSeconds(calendar, pauses, stretch, now),
    }),
  );

  const segments = underpinningSegments(input, objective, priorityFor(objective, agreement.priorityMatrix, timeline, now));
  return {
    incident: timeline.incident,
    agreement: agreement.id,
    objective: objective.id,
    clock,
    stretches,
    shares: sharesOf(stretches),
    segments,
    summary: summarize(catalog, segments),
  };
}

function priorityFor(objective: ObjectiveSpec, matrix: Parameters<typeof priorityOf>[2], timeline: IncidentTimeline, now: EpochMs): Priority | undefined {
  if (objective.priority !== undefined) return objective.priority;
  const current = priorityAt(timeline, now);
  return current && priorityOf(current.impact, current.urgency, matrix);
}

function underpinningSegments(input: AttributeIncidentInput, objective: ObjectiveSpec, priority: Priority | undefined): SegmentAttribution[] {
  const { catalog, timeline, calendarOf, now } = input;
  if (priority === undefined) return [];
  const held = partiesThatHeld(timeline, now);
  const rows: SegmentAttribution[] = [];
  for (const link of underpinningChain(catalog, objective, priority, timeline.openedAt ?? now)) {
    const party = link.agreement.provider;
    if (!held.includes(party)) continue;
    const clock = evaluateClock({ objective: link.objective, party, calendar: calendarOf(link.objective.calendar), timeline, now });
    rows.push({
      party,
      agreement: link.agreement.id,
      objective: link.objective.id,
      elapsedSeconds: clock.elapsedSeconds,
      targetSeconds: clock.targetSeconds,
      breached: clock.breached,
    });
  }
  return rows;
}

/** Cuts the extent into the stretches each party (or nobody) held it. */
function holdingStretches(timeline: IncidentTimeline, extent: TimeSpan[], now: EpochMs): Array<Omit<AttributionStretch, 'elapsedSeconds' | 'pausedSeconds'>> {
  const stretches: Array<Omit<AttributionStretch, 'elapsedSeconds' | 'pausedSeconds'>> = [];
  const push = (party: string | undefined, from: EpochMs, to: EpochMs, running: boolean): void => {
    if (to <= from && !running) return;
    stretches.push({ ...(party !== undefined && { party }), from, ...(!running && { to }) });
  };
  for (const span of extent) {
    const end = span.to ?? now;
    let cursor = span.from;
    for (const holding of timeline.holders) {
      const holdingEnd = holding.to ?? Number.POSITIVE_INFINITY;
      if (holdingEnd <= cursor || holding.from >= end) continue;
      if (holding.from > cursor) push(undefined, cursor, holding.from, false);
      const to = Math.min(holdingEnd, end);
      const from = Math.max(holding.from, cursor);
      push(holding.party, from, to, span.to === undefined && (holding.to === undefined || holding.to > now));
      cursor = to;
    }
    if (cursor < end) push(undefined, cursor, end, span.to === undefined);
  }
  return stretches;
}

function overlapSeconds(calendar: BusinessCalendar, spans: ReadonlyArray<[EpochMs, EpochMs]>, stretch: { from: EpochMs; to?: EpochMs }, now: EpochMs): number {
  const end = stretch.to ?? now;
  let ms = 0;
  for (const [from, to] of spans) {
    const a = Math.max(from, stretch.from);
    const b = Math.min(to, end, now);
    if (b > a) ms += Math.round(calendar.countSeconds(a, b) * 1000);
  }
  return ms / 1000;
}

function sharesOf(stretches: AttributionStretch[]): PartyShare[] {
  const shares: PartyShare[] = [];
  for (const stretch of stretches) {
    let share = shares.find((candidate) => candidate.party === stretch.party);
    if (share === undefined) {
      share = { ...(stretch.party !== undefined && { party: stretch.party }), elapsedSeconds: 0, pausedSeconds: 0 };
      shares.push(share);
    }
    share.elapsedSeconds = (Math.round(share.elapsedSeconds * 1000) + Math.round(stretch.elapsedSeconds * 1000)) / 1000;
    share.pausedSeconds = (Math.round(share.pausedSeconds * 1000) + Math.round(stretch.pausedSeconds * 1000)) / 1000;
  }
  return shares;
}

function summarize(catalog: Catalog, segments: SegmentAttribution[]): string {
  if (segments.length === 0) return 'no party that held the incident has an underpinning objective here';
  return segments
    .map((row) => {
      const kind = findObjective(catalog, row)?.agreement.kind ?? 'agreement';
      return row.breached
        ? `${row.party} used ${formatReadableDuration(row.elapsedSeconds)} of a ${formatReadableDuration(row.targetSeconds)} ${kind}`
        : `${row.party} stayed inside its ${kind} (${formatReadableDuration(row.elapsedSeconds)} of ${formatReadableDuration(row.targetSeconds)})`;
    })
    .join('; ');
}
