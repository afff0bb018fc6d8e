import { defineTopic } from './event-envelope.model';
import { boolean, isoDate, isoInstant, literal, nullable, number, object, string } from './schema.util';

export interface PeriodEvaluatedPayload {
  agreement: string;
  objective: string;
  /** null for objectives not measured per region. */
  region: string | null;
  window: 'month' | 'quarter';
  /** Local dates in the agreement's zone; `to` exclusive. */
  from: string;
  to: string;
  /** The measured value in the objective's unit; null when nothing could be measured. */
  value: number | null;
  target: number;
  met: boolean | null;
  /** False while the period is still running. */
  final: boolean;
  at: string;
}

export interface SlaPeriodPayloads {
  'sla.period.evaluated': PeriodEvaluatedPayload;
}

export const SLA_PERIODS_TOPIC = defineTopic<SlaPeriodPayloads>({
  name: 'sla.periods.v1',
  partitions: 6,
  key: 'agreement:objective:region (region "*" when not per region)',
  keyOf: (_type, payload) => `${payload.agreement}:${payload.objective}:${payload.region ?? '*'}`,
  events: {
    'sla.period.evaluated': {
      description: 'the compliance of one objective × region × period, provisional or final',
      versions: {
        1: object(
          {
            agreement: string(),
            objective: string(),
            region: nullable(string()),
            window: literal('month', 'quarter'),
            from: isoDate(),
            to: isoDate(),
            value: nullable(number()),
            target: number(),
            met: nullable(boolean()),
            final: boolean(),
            at: isoInstant(),
          },
          (value, path, issues) => {
            if (value.to <= value.from) issues.push({ path: `${path}.to`, message: `must be after from (${value.from}), got ${value.to}` });
          },
        ),
      },
    },
  },
});
