import type { AgreementSpec, Catalog, EpochMs, Level, ObjectiveRef, ObjectiveSpec, Priority } from '../catalog/catalog.model';
import type { IncidentClockMetric } from './clock.model';
import { INCIDENT_CLOCK_METRICS } from './clock.model';
import type { IncidentTimeline } from './incident-timeline.model';
import { partiesThatHeld, priorityAt } from './incident-timeline.util';
import { localDateOf } from './local-date.util';
import { priorityOf } from './priority.util';

export interface IncidentAttributes {
  service: string;
  customer: string;
  /**
   * Impact and urgency, when known, give the priority through each agreement's own matrix;
   * otherwise `priority` is taken as it is.
   */
  impact?: Level;
  urgency?: Level;
  priority?: Priority;
  /** Parties that held the incident so far: underpinning objectives apply only to these. */
  holders: readonly string[];
}

export interface ApplicableObjective {
  ref: ObjectiveRef;
  agreement: AgreementSpec;
  objective: ObjectiveSpec;
  role: 'sla' | 'underpinning';
  /** The agreement's provider: for handover_time / restore_time, the party whose segments count. */
  party: string;
  /** The incident's priority under the SLA's matrix. */
  priority: Priority;
  /** For an underpinning objective, the applicable SLA objectives whose chain reaches it. */
  underpins: ObjectiveRef[];
}

const SLA_METRICS: readonly string[] = ['response_time', 'resolution_time'];
const CLOCK_METRICS: readonly string[] = INCIDENT_CLOCK_METRICS;

export function isIncidentClockMetric(metric: string): metric is IncidentClockMetric {
  return CLOCK_METRICS.includes(metric);
}

export function refKey(ref: ObjectiveRef): string {
  return `${ref.agreement}/${ref.objective}`;
}

/** Whether an agreement version is in force at an instant (dates local to its zone, `to` exclusive). */
export function isEffectiveAt(agreement: AgreementSpec, at: EpochMs): boolean {
  const { from, to } = agreement.effective;
  if (from === undefined && to === undefined) return true;
  const date = localDateOf(at, agreement.timezone);
  return (from === undefined || date >= from) && (to === undefined || date < to);
}

const indexes = new WeakMap<Catalog, Map<string, AgreementSpec>>();

function agreementsById(catalog: Catalog): Map<string, AgreementSpec> {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = new Map(catalog.agreements.map((agreement) => [agreement.id, agreement]));
    indexes.set(catalog, index);
  }
  return index;
}

export function findObjective(catalog: Catalog, ref: ObjectiveRef): { agreement: AgreementSpec; objective: ObjectiveSpec } | undefined {
  const agreement = agreementsById(catalog).get(ref.agreement);
  const objective = agreement?.objectives.find((candidate) => candidate.id === ref.objective);
  return agreement && objective ? { agreement, objective } : undefined;
}

function incidentPriority(attributes: IncidentAttributes, agreement: AgreementSpec): Priority {
  if (attributes.impact !== undefined && attributes.urgency !== undefined) {
    return priorityOf(attributes.impact, attributes.urgency, agreement.priorityMatrix);
  }
  if (attributes.priority === undefined) throw new RangeError("priority: give the incident's priority, or its impact and urgency");
  return attributes.priority;
}

/**
 * The objectives whose clocks run for an incident: response and resolution objectives of
 * the SLAs in force at `at` (the opening instant) whose consumer is the customer and whose
 * service is the incident's, for the incident's priority (objectives without one apply to
 * all); then, following `underpinnedBy` through the chain (a DAG: an OLA may rest on UCs),
 * the OLA/UC incident-clock objectives of that priority whose provider held the incident.
 */
export function applicableObjectives(catalog: Catalog, attributes: IncidentAttributes, at: EpochMs): ApplicableObjective[] {
  const slas: ApplicableObjective[] = [];
  for (const agreement of catalog.agreements) {
    if (agreement.kind !== 'SLA' || agreement.consumer !== attributes.customer || agreement.service !== attributes.service) continue;
    if (!isEffectiveAt(agreement, at)) continue;
    const priority = incidentPriority(attributes, agreement);
    for (const objective of agreement.objectives) {
      if (!SLA_METRICS.includes(objective.metric)) continue;
      if (objective.priority !== undefined && objective.priority !== priority) continue;
      slas.push({ ref: { agreement: agreement.id, objective: objective.id }, agreement, objective, role: 'sla', party: agreement.provider, priority, underpins: [] });
    }
  }
  const underpinning = new Map<string, ApplicableObjective>();
  for (const sla of slas) {
    for (const found of underpinningChain(catalog, sla.objective, sla.priority, at)) {
      if (!attributes.holders.includes(found.agreement.provider)) continue;
      const ref = { agreement: found.agreement.id, objective: found.objective.id };
      const key = refKey(ref);
      const entry = underpinning.get(key) ?? { ref, ...found, role: 'underpinning' as const, party: found.agreement.provider, priority: sla.priority, underpins: [] };
      entry.underpins.push(sla.ref);
      underpinning.set(key, entry);
    }
  }
  return [...slas, ...underpinning.values()];
}

/**
 * Every incident-clock objective reachable through `underpinnedBy` from an objective, once
 * each, in the order met: in force at `at` and of the given priority (or of none).
 * Objectives that do not match are still walked through, since what rests on them may.
 */
export function underpinningChain(
  catalog: Catalog,
  root: ObjectiveSpec,
  priority: Priority,
  at: EpochMs,
): Array<{ agreement: AgreementSpec; objective: ObjectiveSpec }> {
  const found: Array<{ agreement: AgreementSpec; objective: ObjectiveSpec }> = [];
  const seen = new Set<string>();
  const queue: ObjectiveRef[] = [...root.underpinnedBy];
  for (let i = 0; i < queue.length; i++) {
    const key = refKey(queue[i]);
    if (seen.has(key)) continue;
    seen.add(key);
    const hit = findObjective(catalog, queue[i]);
    if (hit === undefined) continue;
    queue.push(...hit.objective.underpinnedBy);
    if (!isIncidentClockMetric(hit.objective.metric)) continue;
    if (hit.objective.priority !== undefined && hit.objective.priority !== priority) continue;
    if (!isEffectiveAt(hit.agreement, at)) continue;
    found.push(hit);
  }
  return found;
}

/** The attributes that select objectives, as the timeline knows them at `now`. */
export function incidentAttributesOf(timeline: IncidentTimeline, now: EpochMs = Number.POSITIVE_INFINITY): IncidentAttributes {
  if (timeline.service === undefined || timeline.customer === undefined || timeline.openedAt === undefined) {
    throw new RangeError(`incident: ${timeline.incident ?? 'this incident'} is not opened`);
  }
  const current = priorityAt(timeline, now);
  return {
    service: timeline.service,
    customer: timeline.customer,
    impact: current?.impact,
    urgency: current?.urgency,
    priority: current?.priority,
    holders: partiesThatHeld(timeline, now),
  };
}
