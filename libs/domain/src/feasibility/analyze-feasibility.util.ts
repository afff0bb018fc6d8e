import type { Catalog } from '../catalog/catalog.model';
import { checkAvailabilityComposition } from './availability-composition.util';
import { checkCalendarGaps } from './calendar-gap.util';
import type { Underpinning } from './feasibility-context.type';
import type { CalendarResolver, FeasibilityOptions, Finding } from './finding.type';
import { checkMissingUnderpinning } from './missing-underpinning.util';
import { referenceSpan } from './reference-span.util';
import { checkTimeBudget } from './time-budget.util';

/**
 * Static analysis of a catalogue: for every objective that names underpinning objectives,
 * whether they can deliver it (time budget, calendar coverage, availability composition),
 * and for every agreement's service, whether each component it depends on is covered at all.
 * Findings come in catalogue order: agreement, then objective, then kind.
 */
export function analyzeFeasibility(
  catalog: Catalog,
  calendars: CalendarResolver,
  options: FeasibilityOptions = {},
): Finding[] {
  const objectives = new Map<string, Underpinning>();
  for (const agreement of catalog.agreements) {
    for (const objective of agreement.objectives) {
      const ref = `${agreement.id}/${objective.id}`;
      objectives.set(ref, { ref, agreement, objective });
    }
  }

  const findings: Finding[] = [];
  for (const agreement of catalog.agreements) {
    const span = options.span ?? referenceSpan(agreement, catalog);
    for (const objective of agreement.objectives) {
      if (objective.underpinnedBy.length === 0) continue;
      const underpinnings: Underpinning[] = [];
      for (const { agreement: agreementId, objective: objectiveId } of objective.underpinnedBy) {
        const found = objectives.get(`${agreementId}/${objectiveId}`);
        if (found) {
          underpinnings.push(found);
        } else {
          // The loader rejects such references; an in-memory catalogue may still carry one.
          findings.push({
            agreement: agreement.id,
            objective: objective.id,
            kind: 'missing-underpinning',
            detail: `underpinned by ${agreementId}/${objectiveId}, which is not in the catalogue`,
          });
        }
      }
      const context = { agreement, objective, underpinnings, calendars, span };
      findings.push(...checkTimeBudget(context), ...checkCalendarGaps(context), ...checkAvailabilityComposition(context));
    }
    findings.push(...checkMissingUnderpinning(agreement, catalog));
  }
  return findings;
}
