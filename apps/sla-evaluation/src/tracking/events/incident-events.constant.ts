/** The consumer group that applies incident timelines to the clocks. */
export const INCIDENT_EVENTS_GROUP = 'sla-evaluation.incidents';
