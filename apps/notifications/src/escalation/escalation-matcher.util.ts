import type { Catalog, EscalationPolicySpec, Priority } from '@underpin/domain';
import type { KnownIncident, Trigger } from './escalation.type';

export type MatchOutcome =
  | { kind: 'match' }
  | { kind: 'no-match'; reason: string }
  /** The policy filters on priority and neither the objective nor a known incident gives one. */
  | { kind: 'priority-unknown' };

// Ratios travel as floating point; 0.75 may come back as 0.7499999999.
const RATIO_TOLERANCE = 1e-9;

/**
 * Whether a policy applies to a trigger. Priority is the objective's when it has one (the
 * target the clock measured), else the incident's current one.
 */
export function matchPolicy(policy: EscalationPolicySpec, trigger: Trigger, catalog: Catalog, incident: KnownIncident | undefined): MatchOutcome {
  const when = policy.when;
  if (when.event !== trigger.event) return { kind: 'no-match', reason: `reacts to ${when.event}, not ${trigger.event}` };
  if (when.agreements.length > 0 && (trigger.agreement === undefined || !when.agreements.includes(trigger.agreement))) {
    return { kind: 'no-match', reason: `agreement ${trigger.agreement ?? '(none)'} is not one of ${when.agreements.join(', ')}` };
  }
  if (when.kinds.length > 0) {
    const kind = catalog.agreements.find((agreement) => agreement.id === trigger.agreement)?.kind;
    if (kind === undefined || !when.kinds.includes(kind)) {
      return { kind: 'no-match', reason: `agreement kind ${kind ?? 'unknown'} is not one of ${when.kinds.join(', ')}` };
    }
  }
  if (when.threshold !== undefined && (trigger.threshold === undefined || trigger.threshold < when.threshold - RATIO_TOLERANCE)) {
    return { kind: 'no-match', reason: `threshold ${percent(trigger.threshold)} is below ${percent(when.threshold)}` };
  }
  if (when.priorities.length > 0) {
    const priority = priorityOfTrigger(trigger, catalog, incident);
    if (priority === undefined) return { kind: 'priority-unknown' };
    if (!when.priorities.includes(priority)) return { kind: 'no-match', reason: `priority ${priority} is not one of ${when.priorities.join(', ')}` };
  }
  return { kind: 'match' };
}

export function priorityOfTrigger(trigger: Trigger, catalog: Catalog, incident: KnownIncident | undefined): Priority | undefined {
  if (trigger.agreement !== undefined && trigger.objective !== undefined) {
    const objective = catalog.agreements.find((a) => a.id === trigger.agreement)?.objectives.find((o) => o.id === trigger.objective);
    if (objective?.priority !== undefined) return objective.priority;
  }
  return incident?.priority;
}

function percent(ratio: number | undefined): string {
  return ratio === undefined ? 'none' : `${Math.round(ratio * 1000) / 10}%`;
}
