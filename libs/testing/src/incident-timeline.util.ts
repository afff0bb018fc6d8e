import { buildIncidentTimeline, type IncidentEvent, type IncidentTimeline } from '@underpin/domain';

/** The timeline of `events`, which a spec states as valid: a rejected event fails the spec, naming it. */
export function timelineOf(events: readonly IncidentEvent[]): IncidentTimeline {
  const built = buildIncidentTimeline(events);
  if (!built.ok) throw new Error(`the spec's timeline is invalid: ${built.error.message}`);
  return built.state;
}
