import type { EpochMs } from '../catalog/catalog.model';
import type { IncidentEvent } from '../catalog/events.model';
import type { IncidentTimeline } from '../clock/incident-timeline.model';
import { applyIncidentEvent, emptyIncidentTimeline } from '../clock/incident-timeline.util';
import type { BacktestProblem } from './backtest-input.exception';

/** `field: message` as the timeline rules word their rejections. */
const FIELD_PREFIX = /^([a-zA-Z]+): (.*)$/;
const FIELDS = new Set(['at', 'incident', 'service', 'customer', 'assignee', 'impact', 'urgency', 'to', 'reason', 'type']);

/**
 * Builds each incident's timeline as its events stream by. Incidents opened outside the
 * range are left out whole; an incident whose events break the timeline rules is reported
 * once (its first bad event) and left out, since every later figure would rest on a guess.
 */
export class IncidentCollector {
  private readonly timelines = new Map<string, IncidentTimeline>();
  private readonly excluded = new Set<string>();
  readonly problems: BacktestProblem[] = [];

  constructor(private readonly range: { from?: EpochMs; to?: EpochMs }) {}

  add(event: IncidentEvent, index: number): void {
    const id = event.incident;
    if (this.excluded.has(id)) return;
    const { from = -Infinity, to = Infinity } = this.range;
    const timeline = this.timelines.get(id);
    if (!timeline && event.type === 'incident.opened' && (event.at < from || event.at >= to)) {
      this.excluded.add(id);
      return;
    }
    if (event.at >= to && timeline) return;
    const transition = applyIncidentEvent(timeline ?? emptyIncidentTimeline(), event);
    if (!transition.ok) {
      const text = transition.error.message;
      const match = FIELD_PREFIX.exec(text);
      const path = match && FIELDS.has(match[1]) ? match[1] : '';
      // State errors start with the incident's id, which the message names already.
      const message = path && match ? match[2] : text.startsWith(`${id}: `) ? text.slice(id.length + 2) : text;
      this.problems.push({ index, path, message: `${event.type} of ${id}: ${message}` });
      this.timelines.delete(id);
      this.excluded.add(id);
      return;
    }
    this.timelines.set(id, transition.state);
  }

  /** The timelines in order of opening (then id), for a stable report. */
  timelinesInOrder(): IncidentTimeline[] {
    return [...this.timelines.values()].sort(
      (a, b) => (a.openedAt ?? 0) - (b.openedAt ?? 0) || ((a.incident ?? '') < (b.incident ?? '') ? -1 : 1),
    );
  }
}
