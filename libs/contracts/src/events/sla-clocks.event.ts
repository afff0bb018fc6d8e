import { defineTopic } from './event-envelope.model';
import { type Schema, boolean, isoInstant, literal, number, object, optional, string } from './schema.util';

export interface ClockAlertPayload {
  incident: string;
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  /** Share of the target consumed when the alert fired: a warning threshold, or 1 for a breach. */
  threshold: number;
  /** When the target is (or was) reached, as it stood at `at`. */
  dueAt: string;
  /** When the threshold was crossed, in event time (the clock's business time). */
  at: string;
  /** The catalogue revision whose objective it was. */
  revision?: string;
  /**
   * The alert was crossed so long before it was known (history being loaded) that nobody is
   * paged for it: recorded, counted, not delivered.
   */
  historical?: boolean;
  /**
   * A correction of an alert published before with another `at` (or under other terms):
   * the same alert, not a new one. Whoever was told need not be told again.
   */
  restated?: boolean;
}

/** A warning or breach published before that the events now show never happened. */
export interface ClockAlertWithdrawnPayload {
  incident: string;
  agreement: string;
  objective: string;
  kind: 'warning' | 'breach';
  threshold: number;
  /** The `at` the withdrawn alert carried. */
  at: string;
  /** When sla-evaluation withdrew it. */
  withdrawnAt: string;
  /** Why, for people: which later events showed it never happened. */
  reason: string;
}

export interface SlaClockPayloads {
  'sla.clock.warning': ClockAlertPayload;
  'sla.clock.breach': ClockAlertPayload;
  'sla.clock.withdrawn': ClockAlertWithdrawnPayload;
}

const id = () => string({ minLength: 1, maxLength: 200 });

function alert(kind: 'warning' | 'breach'): Schema<ClockAlertPayload> {
  return object(
    {
      incident: id(),
      agreement: id(),
      objective: id(),
      kind: literal('warning', 'breach'),
      threshold: number({ exclusiveMin: 0, max: 1 }),
      dueAt: isoInstant(),
      at: isoInstant(),
      revision: optional(string({ maxLength: 200 })),
      historical: optional(boolean()),
      restated: optional(boolean()),
    },
    (value, path, issues) => {
      if (value.kind !== kind) issues.push({ path: `${path}.kind`, message: `must be "${kind}" for sla.clock.${kind}` });
      else if (kind === 'breach' && value.threshold !== 1) issues.push({ path: `${path}.threshold`, message: `must be 1 for a breach, got ${value.threshold}` });
      else if (kind === 'warning' && value.threshold === 1) issues.push({ path: `${path}.threshold`, message: 'must be below 1 for a warning (1 is a breach)' });
    },
  );
}

const withdrawn: Schema<ClockAlertWithdrawnPayload> = object(
  {
    incident: id(),
    agreement: id(),
    objective: id(),
    kind: literal('warning', 'breach'),
    threshold: number({ exclusiveMin: 0, max: 1 }),
    at: isoInstant(),
    withdrawnAt: isoInstant(),
    reason: string({ minLength: 1, maxLength: 1_000 }),
  },
  (value, path, issues) => {
    if (value.kind === 'breach' && value.threshold !== 1) issues.push({ path: `${path}.threshold`, message: `must be 1 for a breach, got ${value.threshold}` });
  },
);

export const SLA_CLOCKS_TOPIC = defineTopic<SlaClockPayloads>({
  name: 'sla.clocks.v1',
  partitions: 12,
  key: 'incident id, so the alerts of one incident stay in order',
  keyOf: (_type, payload) => payload.incident,
  events: {
    'sla.clock.warning': { description: 'a warning threshold of an objective was crossed (once per incident and objective, unless restated)', versions: { 1: alert('warning') } },
    'sla.clock.breach': { description: 'an objective reached 100 % of its target (once per incident and objective, unless restated)', versions: { 1: alert('breach') } },
    'sla.clock.withdrawn': { description: 'a warning or breach published before never happened, as later events show', versions: { 1: withdrawn } },
  },
});
