import type { Catalog, IncidentEvent } from '@underpin/domain';
import { expectedAlerts, type ExpectedAlert } from './domain-oracle.util';
import type { AlertRow, IncidentEnvelope, SlaEvaluationHarness } from './sla-evaluation-harness.util';

type Step = { at: number; alerts: ExpectedAlert[] } | { at: number; event: IncidentEvent };

const keyOf = (a: Pick<AlertRow, 'incident' | 'agreement' | 'objective' | 'kind' | 'threshold'>) => `${a.incident} ${a.agreement}/${a.objective} ${a.kind} ${a.threshold}`;

export interface SteppedScenario {
  expected: ExpectedAlert[];
  envelopes: IncidentEnvelope[];
}

/**
 * Lives through incidents' timelines on the test clock: each event is published at its
 * instant, and at each instant the domain says a warning or breach is crossed the clock
 * stops one millisecond before (nothing may have fired yet) and then on it (it must have
 * fired, stamped with that very instant and the due time as it stood then).
 */
export async function liveThrough(
  harness: SlaEvaluationHarness,
  catalog: Catalog,
  events: readonly IncidentEvent[],
  onEvent: (event: IncidentEvent) => Promise<void> = async () => undefined,
): Promise<SteppedScenario> {
  const end = Math.max(...events.map((event) => event.at)) + 365 * 86_400_000;
  const expected = expectedAlerts(catalog, events, end);
  const instants = new Map<number, ExpectedAlert[]>();
  for (const alert of expected) instants.set(alert.fireAt, [...(instants.get(alert.fireAt) ?? []), alert]);
  const steps: Step[] = [...[...instants].map(([at, alerts]) => ({ at, alerts })), ...events.map((event) => ({ at: event.at, event }))];
  // At one instant, alerts first: a timer due at an event's instant fires before the event is known.
  steps.sort((a, b) => a.at - b.at || Number('event' in a) - Number('event' in b));
  const envelopes: IncidentEnvelope[] = [];
  for (const step of steps) {
    if ('event' in step) {
      harness.clock.set(step.at);
      envelopes.push(await harness.publish(step.event));
      await onEvent(step.event);
      continue;
    }
    await harness.advanceTo(step.at - 1);
    const early = (await harness.alerts()).filter((row) => step.alerts.some((alert) => keyOf(row) === keyOf(alert)));
    if (early.length > 0) throw new Error(`${early.map(keyOf).join(', ')} fired before ${new Date(step.at).toISOString()}`);
    await harness.advanceTo(step.at);
    const rows = await harness.alerts();
    for (const alert of step.alerts) {
      const fired = rows.find((row) => keyOf(row) === keyOf(alert));
      const seen = fired && { at: fired.at, firedAt: fired.firedAt, dueAt: fired.dueAt };
      const want = { at: alert.at, firedAt: alert.fireAt, dueAt: alert.dueAt };
      if (JSON.stringify(seen) !== JSON.stringify(want)) {
        throw new Error(`${keyOf(alert)}: expected ${JSON.stringify(want)}, got ${JSON.stringify(seen ?? 'nothing')}`);
      }
    }
  }
  return { expected, envelopes };
}

/** The alert rows the service must hold for these alerts, in the order `harness.alerts()` reads them (due times aside). */
export function asRows(expected: readonly ExpectedAlert[]): Array<Omit<AlertRow, 'dueAt'>> {
  return expected
    .map(({ incident, agreement, objective, kind, threshold, at, fireAt }) => ({ incident, agreement, objective, kind, threshold, at, firedAt: fireAt }))
    .sort((a, b) => a.at - b.at || a.incident.localeCompare(b.incident) || a.agreement.localeCompare(b.agreement) || a.objective.localeCompare(b.objective) || a.threshold - b.threshold);
}
