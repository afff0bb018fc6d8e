import type { IncidentEvent, Level, TimelineEvent } from '@underpin/domain';
import { logUniform, seededRandom } from './bench-random.util';

const MINUTE = 60_000;
const REGIONS = ['eu-north', 'eu-west', 'na-east'];
const LEVELS: Level[] = ['high', 'medium', 'low'];

export interface GeneratedEvents {
  events: Iterable<TimelineEvent>;
  /** How many events the iterable yields. */
  count: number;
}

/** Incidents that pass between teams and vendors, some paused, some reopened. */
function incidentEvents(count: number, from: number, to: number): IncidentEvent[] {
  const random = seededRandom(7);
  const events: IncidentEvent[] = [];
  for (let i = 0; i < count; i++) {
    const incident = `INC-${100_000 + i}`;
    let at = from + Math.floor((random() * (to - from - 30 * 86_400_000)) / MINUTE) * MINUTE;
    const step = (minMinutes: number, maxMinutes: number) => (at += Math.round(logUniform(random, minMinutes, maxMinutes) * MINUTE));
    events.push({
      type: 'incident.opened', at, incident, service: 'video-meetings', customer: random() < 0.7 ? 'acme' : 'nordbank',
      region: REGIONS[Math.floor(random() * 3)], impact: LEVELS[Math.floor(random() * 3)], urgency: LEVELS[Math.floor(random() * 3)],
      assignee: 'service-desk',
    });
    events.push({ type: 'incident.acknowledged', at: step(1, 40), incident });
    events.push({ type: 'incident.handover', at: step(5, 60), incident, to: 'netops' });
    if (random() < 0.5) events.push({ type: 'incident.handover', at: step(10, 240), incident, to: 'meetcloud' });
    if (random() < 0.3) {
      events.push({ type: 'incident.paused', at: step(5, 120), incident, reason: random() < 0.5 ? 'awaiting-customer' : 'awaiting-vendor' });
      events.push({ type: 'incident.resumed', at: step(10, 2_000), incident });
    }
    events.push({ type: 'incident.resolved', at: step(10, 3_000), incident });
    if (random() < 0.05) {
      events.push({ type: 'incident.reopened', at: step(60, 2_000), incident });
      events.push({ type: 'incident.resolved', at: step(10, 600), incident });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

/**
 * One year of probes every minute for three regions, with outages of a few minutes to an
 * hour, merged in time order with the incidents' events. Generated lazily: the probes are
 * never held in memory all at once, as a large JSON Lines file would not be either.
 */
export function generateYear(incidents: number, year = 2026): GeneratedEvents {
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const timeline = incidentEvents(incidents, from, to);
  const minutes = (to - from) / MINUTE;
  function* events(): Generator<TimelineEvent> {
    const random = seededRandom(11);
    const downUntil = REGIONS.map(() => -1);
    let next = 0;
    for (let minute = 0; minute < minutes; minute++) {
      const at = from + minute * MINUTE;
      while (next < timeline.length && timeline[next].at <= at) yield timeline[next++];
      for (let r = 0; r < REGIONS.length; r++) {
        if (downUntil[r] < minute && random() < 1 / 40_000) downUntil[r] = minute + Math.round(logUniform(random, 2, 60));
        yield { type: 'probe', at, service: 'video-meetings', region: REGIONS[r], ok: downUntil[r] < minute };
      }
    }
    while (next < timeline.length) yield timeline[next++];
  }
  return { events: { [Symbol.iterator]: events }, count: timeline.length + minutes * REGIONS.length };
}
