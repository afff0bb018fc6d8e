import type { Catalog, EpochMs, Ratio } from '../catalog/catalog.model';
import type { CalendarResolver } from './clock.model';
import { evaluateClock } from './evaluate-clock.util';
import { applicableObjectives, type IncidentAttributes } from './applicable-objectives.util';
import type { IncidentTimeline, PriorityChange } from './incident-timeline.model';
import { partiesThatHeld, priorityAt } from './incident-timeline.util';

/**
 * A catalogue version and the instant (event time) from which it is in force. The first
 * version of a list also covers everything before it: history loaded after the catalogue was
 * published is measured against the first terms known.
 */
export interface CatalogVersion {
  revision: string;
  from: EpochMs;
  catalog: Catalog;
  calendarOf: CalendarResolver;
}

export type AlertKind = 'warning' | 'breach';

/** A warning or breach that happened, in event time. */
export interface IncidentAlert {
  agreement: string;
  objective: string;
  kind: AlertKind;
  /** Share of the target: a warning threshold below 1, or 1 for the breach. */
  threshold: Ratio;
  /** The instant the threshold was crossed: when counted time reached that share of the target. */
  at: EpochMs;
  /** The due time as it stood at `at`: the breach instant for a breach, the projection for a warning. */
  dueAt: EpochMs;
  /** The catalogue revision whose objective it was. */
  revision: string;
}

/** Names an alert of an incident: each exists at most once. */
export function incidentAlertKey(alert: Pick<IncidentAlert, 'agreement' | 'objective' | 'kind' | 'threshold'>): string {
  return `${alert.agreement}/${alert.objective}/${alert.kind}/${Number(alert.threshold)}`;
}

/** The version in force at an instant: the latest that starts by then, else the first. */
export function catalogVersionAt<V extends { from: EpochMs }>(versions: readonly V[], at: EpochMs): V | undefined {
  let found = versions[0];
  for (const version of versions) {
    if (version.from > at) break;
    found = version;
  }
  return found;
}

/**
 * Every warning and breach of an incident, as a function of its timeline, the catalogue
 * versions and the horizon up to which time is known to have passed (the present, for a
 * live service that has seen every event so far).
 *
 * The incident's life from its opening is cut where its priority changes and where a new
 * catalogue version comes to apply to it. In each stretch the objectives of that priority
 * under that version apply, and each one's clock is read at the stretch's end: a threshold
 * crossed by then happened; one that would have come later never did, because the stretch's
 * end took the objective away (or the objective carries on into the next stretch and is read
 * again there). A stopped clock (acknowledged, resolved, handed over) crosses nothing after
 * its stop, by the clock's own rules.
 *
 * Clocks count from the opening whatever the stretch, as the live clocks do: a priority
 * raised later (a correction, even after resolution) means the incident was of that
 * priority, so its objectives' thresholds count at their own instants. A catalogue version
 * applies to an incident from the first instant it is open under it: an incident resolved
 * before a version came is not judged again by the new terms unless it reopens.
 *
 * An alert is kept once per objective, kind and threshold, as it first happened (a later
 * stretch under other terms may place the same threshold elsewhere, but it had fired). The
 * result depends on nothing but the arguments: however the events were batched, replayed or
 * interrupted on the way, the same timeline gives the same alerts with the same instants.
 * Sorted by instant, then agreement, objective and threshold.
 */
export function incidentAlerts(timeline: IncidentTimeline, versions: readonly CatalogVersion[], horizon: EpochMs): IncidentAlert[] {
  const openedAt = timeline.openedAt;
  if (timeline.status === 'new' || openedAt === undefined || timeline.service === undefined || timeline.customer === undefined) return [];
  if (versions.length === 0 || horizon < openedAt) return [];
  const switches = versionSwitches(timeline, versions, openedAt, horizon);
  const cuts = stretchStarts(timeline, switches, openedAt, horizon);
  const found = new Map<string, IncidentAlert>();
  for (let i = 0; i < cuts.length; i++) {
    const { at: start, priority: current } = cuts[i];
    const readAt = i + 1 < cuts.length ? cuts[i + 1].at : horizon;
    const version = catalogVersionAt(switches, start)!.version;
    const attributes: IncidentAttributes = {
      service: timeline.service,
      customer: timeline.customer,
      impact: current.impact,
      urgency: current.urgency,
      priority: current.priority,
      holders: partiesThatHeld(timeline, readAt),
    };
    for (const entry of applicableObjectives(version.catalog, attributes, openedAt)) {
      const { objective } = entry;
      const calendar = version.calendarOf(objective.calendar);
      const result = evaluateClock({ objective, party: entry.party, calendar, timeline, now: readAt });
      const base = { agreement: entry.agreement.id, objective: objective.id, revision: version.revision };
      const targetMs = Math.round(result.targetSeconds * 1000);
      for (const warning of result.warnings) {
        // A warning at 100 % would be the breach itself; the breach is reported once, as a breach.
        if (warning.threshold >= 1) continue;
        const restMs = targetMs - Math.round(warning.threshold * targetMs);
        keepFirst(found, { ...base, kind: 'warning', threshold: warning.threshold, at: warning.at, dueAt: Math.round(calendar.addSeconds(warning.at, restMs / 1000)) });
      }
      if (result.breached && result.breachedAt !== undefined) {
        keepFirst(found, { ...base, kind: 'breach', threshold: 1, at: result.breachedAt, dueAt: result.breachedAt });
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => a.at - b.at || compare(a.agreement, b.agreement) || compare(a.objective, b.objective) || a.threshold - b.threshold || compare(a.kind, b.kind),
  );
}

/**
 * The catalogue version that applies to an incident at an instant: the one in force at its
 * opening, or a later one from the first instant the incident was open under it.
 */
export function incidentCatalogVersion<V extends CatalogVersion>(timeline: IncidentTimeline, versions: readonly V[], at: EpochMs): V | undefined {
  if (versions.length === 0) return undefined;
  if (timeline.openedAt === undefined) return catalogVersionAt(versions, at);
  const switches = versionSwitches(timeline, versions, timeline.openedAt, at);
  return catalogVersionAt(switches, at)!.version as V;
}

/**
 * When each catalogue version comes to apply to the incident, in order: the version in force
 * at the opening from the opening, then each later one from the first instant the incident
 * is open under it (at its start, or at a later reopening). Versions that came while the
 * incident was resolved and were replaced before it reopened never apply.
 */
function versionSwitches(timeline: IncidentTimeline, versions: readonly CatalogVersion[], openedAt: EpochMs, horizon: EpochMs): Array<{ from: EpochMs; version: CatalogVersion }> {
  const switches = [{ from: openedAt, version: catalogVersionAt(versions, openedAt)! }];
  for (const version of versions) {
    if (version.from <= openedAt || version === switches[switches.length - 1].version) continue;
    const from = firstOpenInstant(timeline, version.from);
    if (from === undefined || from > horizon) continue;
    const last = switches[switches.length - 1];
    if (from === last.from) last.version = version;
    else if (from > last.from) switches.push({ from, version });
  }
  return switches;
}

/** The first instant at or after `at` at which the incident is open (not resolved nor closed). */
function firstOpenInstant(timeline: IncidentTimeline, at: EpochMs): EpochMs | undefined {
  for (const span of timeline.open) {
    if (span.to !== undefined && span.to <= at) continue;
    return span.from > at ? span.from : at;
  }
  return undefined;
}

interface StretchStart {
  at: EpochMs;
  priority: PriorityChange;
}

/**
 * The opening, then every later instant up to the horizon where the priority or the
 * catalogue version changes. Each priority change starts a stretch, even one the next change
 * at the same instant ends at once: events of one instant keep their order, so a priority
 * that was in force for no time was still in force, and is read at that instant.
 */
function stretchStarts(timeline: IncidentTimeline, switches: ReadonlyArray<{ from: EpochMs }>, openedAt: EpochMs, horizon: EpochMs): StretchStart[] {
  const starts: StretchStart[] = [];
  for (const change of timeline.priorities) {
    if (change.at > horizon) break;
    starts.push({ at: Math.max(change.at, openedAt), priority: change });
  }
  const changedAt = new Set(starts.map((start) => start.at));
  for (const change of switches) {
    if (!changedAt.has(change.from)) starts.push({ at: change.from, priority: priorityAt(timeline, change.from)! });
  }
  // Stable: same-instant priority changes stay in their order.
  return starts.sort((a, b) => a.at - b.at);
}

function keepFirst(found: Map<string, IncidentAlert>, alert: IncidentAlert): void {
  const key = incidentAlertKey(alert);
  if (!found.has(key)) found.set(key, alert);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An alert as a service recorded it: fired, and perhaps withdrawn since. */
export interface RecordedAlert extends IncidentAlert {
  withdrawn: boolean;
}

/** What a service must do to make its recorded alerts equal to the ones that happened. */
export interface AlertChanges {
  /** New, or withdrawn before and back now: to be told. */
  fired: IncidentAlert[];
  /** Still there, but at another instant (a backfilled pause moved it) or under other terms: corrected in place. */
  restated: Array<{ alert: IncidentAlert; previous: RecordedAlert }>;
  /** Fired, but the events now say it never happened. */
  withdrawn: RecordedAlert[];
}

/**
 * Compares the alerts a service has recorded with those that happened. Applying the changes
 * leaves the recorded alerts that are not withdrawn equal to `happened`, in key and instant.
 */
export function reconcileAlerts(recorded: readonly RecordedAlert[], happened: readonly IncidentAlert[]): AlertChanges {
  const byKey = new Map(recorded.map((alert) => [incidentAlertKey(alert), alert]));
  const changes: AlertChanges = { fired: [], restated: [], withdrawn: [] };
  const present = new Set<string>();
  for (const alert of happened) {
    const key = incidentAlertKey(alert);
    present.add(key);
    const previous = byKey.get(key);
    if (previous === undefined || previous.withdrawn) changes.fired.push(alert);
    else if (previous.at !== alert.at || previous.dueAt !== alert.dueAt || previous.revision !== alert.revision) changes.restated.push({ alert, previous });
  }
  for (const alert of recorded) if (!alert.withdrawn && !present.has(incidentAlertKey(alert))) changes.withdrawn.push(alert);
  return changes;
}

/** The recorded alerts once the changes are made: withdrawn ones stay, marked, so one that comes back fires again. */
export function applyAlertChanges(recorded: readonly RecordedAlert[], changes: AlertChanges): RecordedAlert[] {
  const state = new Map(recorded.map((alert) => [incidentAlertKey(alert), alert]));
  for (const alert of changes.fired) state.set(incidentAlertKey(alert), { ...alert, withdrawn: false });
  for (const { alert } of changes.restated) state.set(incidentAlertKey(alert), { ...alert, withdrawn: false });
  for (const alert of changes.withdrawn) state.set(incidentAlertKey(alert), { ...alert, withdrawn: true });
  return [...state.values()];
}
