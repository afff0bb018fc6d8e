import { defineTopic } from './event-envelope.model';
import { array, boolean, isoInstant, nullable, number, object, optional, string } from './schema.util';

export interface AttributedSegment {
  /** The party that held the incident during the segment. */
  party: string;
  from: string;
  /** null while the segment is still open. */
  to: string | null;
  elapsedSeconds: number;
  /** The OLA/UC objective that measures this segment, when there is one. */
  underpinning?: { agreement: string; objective: string };
  targetSeconds?: number;
  breached?: boolean;
}

export interface AttributionComputedPayload {
  incident: string;
  agreement: string;
  objective: string;
  segments: AttributedSegment[];
  at: string;
}

export interface OlaAttributionPayloads {
  'ola.attribution.computed': AttributionComputedPayload;
}

const segment = object({
  party: string(),
  from: isoInstant(),
  to: nullable(isoInstant()),
  elapsedSeconds: number({ min: 0 }),
  underpinning: optional(object({ agreement: string(), objective: string() })),
  targetSeconds: optional(number({ min: 0 })),
  breached: optional(boolean()),
});

export const OLA_ATTRIBUTION_TOPIC = defineTopic<OlaAttributionPayloads>({
  name: 'ola.attribution.v1',
  partitions: 6,
  key: 'incident id',
  keyOf: (_type, payload) => payload.incident,
  events: {
    'ola.attribution.computed': {
      description: "an SLA objective's elapsed time split over the segments and parties that made it up",
      versions: { 1: object({ incident: string(), agreement: string(), objective: string(), segments: array(segment), at: isoInstant() }) },
    },
  },
});
