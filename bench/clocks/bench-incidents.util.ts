import type { IncidentEvent, Level } from '@underpin/domain';
import { seededRandom } from '../domain/bench-random.util';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Profile = { customer: string; impact: Level; urgency: Level };
/** ACME at P1/P2/P3 and Nordbank at P1: every chain of the meetings catalogue gets clocks. */
const PROFILES: Profile[] = [
  { customer: 'acme', impact: 'high', urgency: 'high' },
  { customer: 'acme', impact: 'high', urgency: 'medium' },
  { customer: 'acme', impact: 'high', urgency: 'low' },
  { customer: 'nordbank', impact: 'high', urgency: 'high' },
];

/**
 * Open incidents opened over the `spreadMs` before `now`, so that their warnings and breaches
 * come due at every moment of the hours after it: some acknowledged, some handed over.
 */
export function openIncidents(count: number, now: number, spreadMs: number, seed = 7): IncidentEvent[] {
  const random = seededRandom(seed);
  const events: IncidentEvent[] = [];
  for (let i = 0; i < count; i++) {
    const incident = `BENCH-${i}`;
    const openedAt = Math.floor(now - 1 - random() * spreadMs);
    const profile = PROFILES[i % PROFILES.length];
    events.push({ type: 'incident.opened', at: openedAt, incident, service: 'video-meetings', ...profile, assignee: 'service-desk' });
    if (random() < 0.7 && openedAt + 5 * MINUTE < now) events.push({ type: 'incident.acknowledged', at: openedAt + 5 * MINUTE, incident });
    if (random() < 0.5 && openedAt + 20 * MINUTE < now) {
      events.push({ type: 'incident.handover', at: openedAt + 20 * MINUTE, incident, to: profile.urgency === 'medium' ? 'workplace' : 'netops' });
    }
  }
  return events;
}

/** Incidents opened at one instant (a major outage): ACME P1s whose 50 % warning comes due at `dueAt`. */
export function outage(count: number, dueAt: number): IncidentEvent[] {
  const openedAt = dueAt - 2 * HOUR;
  return Array.from({ length: count }, (_, i) => ({
    type: 'incident.opened' as const,
    at: openedAt,
    incident: `OUTAGE-${i}`,
    service: 'video-meetings',
    customer: 'acme',
    impact: 'high' as const,
    urgency: 'high' as const,
    assignee: 'service-desk',
  }));
}

/** Who holds each incident after these events. */
export function holdersAfter(events: readonly IncidentEvent[]): Map<string, string> {
  const holders = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'incident.opened' && event.assignee) holders.set(event.incident, event.assignee);
    if (event.type === 'incident.handover') holders.set(event.incident, event.to);
  }
  return holders;
}

/**
 * A stream of the events teams produce on open incidents (acknowledgements, handovers,
 * pauses and resumes), each valid for the incident's state at that moment.
 */
export class LiveEvents {
  private readonly random = seededRandom(11);
  private readonly paused = new Set<string>();
  private readonly holders: Map<string, string>;
  private readonly incidents: string[];

  /** `holders`: who holds each incident now (from the events that opened and passed it on). */
  constructor(holders: ReadonlyMap<string, string>) {
    this.holders = new Map(holders);
    this.incidents = [...holders.keys()];
  }

  next(at: number): IncidentEvent {
    const incident = this.incidents[Math.floor(this.random() * this.incidents.length)];
    if (this.paused.has(incident)) {
      this.paused.delete(incident);
      return { type: 'incident.resumed', at, incident };
    }
    const roll = this.random();
    if (roll < 0.3) {
      this.paused.add(incident);
      return { type: 'incident.paused', at, incident, reason: roll < 0.15 ? 'awaiting-customer' : 'awaiting-vendor' };
    }
    if (roll < 0.7) {
      const to = this.holders.get(incident) === 'netops' ? 'meetcloud' : 'netops';
      this.holders.set(incident, to);
      return { type: 'incident.handover', at, incident, to };
    }
    return { type: 'incident.acknowledged', at, incident };
  }
}
