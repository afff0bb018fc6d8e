import fc from 'fast-check';
import { applyIncidentEvent, emptyIncidentTimeline, type EpochMs, type IncidentEvent, type IncidentTimeline, type Level } from '@underpin/domain';

/**
 * Turns arbitrary numbers into a valid incident timeline, for property specs: each step
 * proposes an event after a gap, and steps the transition rules reject are skipped.
 */
export interface TimelineStep {
  action: number;
  gapMinutes: number;
  choice: number;
}

/**
 * Steps for timelineFromSteps: up to `maxSteps` of them, each after a gap of up to
 * `maxGapMinutes`. Every action (7 kinds) and choice (9) can come up.
 */
export function timelineSteps({ maxSteps = 14, maxGapMinutes = 600 }: { maxSteps?: number; maxGapMinutes?: number } = {}): fc.Arbitrary<TimelineStep[]> {
  return fc.array(fc.record({ action: fc.nat(6), gapMinutes: fc.integer({ min: 0, max: maxGapMinutes }), choice: fc.nat(8) }), { maxLength: maxSteps });
}

export const STEP_PARTIES = ['desk', 'netops', 'vendor'] as const;
export const STEP_REASONS = ['awaiting-customer', 'awaiting-vendor', 'scheduled'] as const;
const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

export function timelineFromSteps(openedAt: EpochMs, steps: readonly TimelineStep[]): { events: IncidentEvent[]; state: IncidentTimeline } {
  const incident = 'PROP-1';
  const first: IncidentEvent = { type: 'incident.opened', at: openedAt, incident, service: 's', customer: 'c', impact: 'high', urgency: 'high', assignee: 'desk' };
  const events: IncidentEvent[] = [];
  let state = emptyIncidentTimeline();
  const offer = (event: IncidentEvent): void => {
    const next = applyIncidentEvent(state, event);
    if (next.ok) {
      state = next.state;
      events.push(event);
    }
  };
  offer(first);
  let at = openedAt;
  for (const step of steps) {
    at += step.gapMinutes * 60_000;
    const base = { at, incident };
    switch (step.action % 7) {
      case 0:
        offer({ type: 'incident.acknowledged', ...base });
        break;
      case 1:
        offer({ type: 'incident.handover', ...base, to: STEP_PARTIES[step.choice % STEP_PARTIES.length] });
        break;
      case 2:
        offer({ type: 'incident.paused', ...base, reason: STEP_REASONS[step.choice % STEP_REASONS.length] });
        break;
      case 3:
        offer({ type: 'incident.resumed', ...base });
        break;
      case 4:
        offer({ type: 'incident.resolved', ...base });
        break;
      case 5:
        offer({ type: 'incident.reopened', ...base });
        break;
      default:
        offer({ type: 'incident.reprioritized', ...base, impact: LEVELS[step.choice % 3], urgency: LEVELS[Math.floor(step.choice / 3) % 3] });
    }
  }
  return { events, state };
}
