import { defineTopic } from './event-envelope.model';
import { type Schema, isoInstant, literal, number, object, string } from './schema.util';

export interface ClockAlertPayload {
  incident: string;
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  /** Share of the target consumed when the alert fired: a warning threshold, or 1 for a breach. */
  threshold: number;
  /** When the target is (or was) reached, from the clock's business time. */
  dueAt: string;
  at: string;
}

export interface SlaClockPayloads {
  'sla.clock.warning': ClockAlertPayload;
  'sla.clock.breach': ClockAlertPayload;
}

function alert(kind: 'warning' | 'breach'): Schema<ClockAlertPayload> {
  return object(
    {
      incident: string(),
      agreement: string(),
      objective: string(),
      kind: literal('warning', 'breach'),
      threshold: number({ exclusiveMin: 0, max: 1 }),
      dueAt: isoInstant(),
      at: isoInstant(),
    },
    (value, path, issues) => {
      if (value.kind !== kind) issues.push({ path: `${path}.kind`, message: `must be "${kind}" for sla.clock.${kind}` });
      else if (kind === 'breach' && value.threshold !== 1) issues.push({ path: `${path}.threshold`, message: `must be 1 for a breach, got ${value.threshold}` });
      else if (kind === 'warning' && value.threshold === 1) issues.push({ path: `${path}.threshold`, message: 'must be below 1 for a warning (1 is a breach)' });
    },
  );
}

export const SLA_CLOCKS_TOPIC = defineTopic<SlaClockPayloads>({
  name: 'sla.clocks.v1',
  partitions: 12,
  key: 'incident id, so the alerts of one incident stay in order',
  keyOf: (_type, payload) => payload.incident,
  events: {
    'sla.clock.warning': { description: 'a warning threshold of an objective was crossed (once per incident and objective)', versions: { 1: alert('warning') } },
    'sla.clock.breach': { description: 'an objective reached 100 % of its target (once per incident and objective)', versions: { 1: alert('breach') } },
  },
});
