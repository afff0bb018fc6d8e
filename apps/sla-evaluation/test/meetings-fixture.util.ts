import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalogFromPath, parseEventsJsonl } from '@underpin/contracts';
import { buildIncidentTimeline, type Catalog, type IncidentEvent, type IncidentTimeline } from '@underpin/domain';

const MEETINGS = join(__dirname, '..', '..', '..', 'examples', 'meetings');

export interface MeetingsExample {
  catalog: Catalog;
  /** Every incident event of incidents.jsonl, in file order. */
  events: IncidentEvent[];
}

/** The example catalogue and incidents of examples/meetings, as the loaders read them. */
export async function loadMeetingsExample(): Promise<MeetingsExample> {
  const loaded = await loadCatalogFromPath(join(MEETINGS, 'catalog.yaml'));
  if (!loaded.ok) throw new Error(`meetings catalogue: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const parsed = parseEventsJsonl(await readFile(join(MEETINGS, 'incidents.jsonl'), 'utf8'), 'incidents.jsonl');
  if (!parsed.ok) throw new Error(`meetings incidents: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const events = parsed.events.filter((event): event is IncidentEvent => event.type.startsWith('incident.'));
  return { catalog: loaded.catalog, events };
}

export function eventsOf(example: MeetingsExample, incident: string): IncidentEvent[] {
  return example.events.filter((event) => event.incident === incident);
}

/** The same incident under another id and customer: one timeline measured against other terms. */
export function asIncident(events: readonly IncidentEvent[], incident: string, customer?: string): IncidentEvent[] {
  return events.map((event) =>
    event.type === 'incident.opened' ? { ...event, incident, ...(customer ? { customer } : {}) } : { ...event, incident },
  );
}

export function timelineOf(events: readonly IncidentEvent[]): IncidentTimeline {
  const built = buildIncidentTimeline(events);
  if (!built.ok) throw new Error(built.error.message);
  return built.state;
}

export const utc = (iso: string): number => Date.parse(`${iso}Z`);
