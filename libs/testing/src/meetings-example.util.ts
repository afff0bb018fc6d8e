// The meetings example (examples/meetings: a catalogue and the incidents of one March), as
// every spec that works on it reads it: through the loaders, from the committed files, so a
// change to the example reaches every spec and no spec keeps a copy of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, loadCatalog, parseEventsJsonl } from '@underpin/contracts';
import type { AgreementSpec, CalendarResolver, CalendarSpec, Catalog, IncidentEvent, TimelineEvent } from '@underpin/domain';
import { fixedOffsetCalendar } from './fixed-offset-calendar.util';
import { repositoryPath } from './repository-path.util';

export const MEETINGS_EXAMPLE_DIR = repositoryPath('examples', 'meetings');
export const MEETINGS_CATALOG_PATH = join(MEETINGS_EXAMPLE_DIR, 'catalog.yaml');
export const MEETINGS_INCIDENTS_PATH = join(MEETINGS_EXAMPLE_DIR, 'incidents.jsonl');

export interface MeetingsExample {
  catalog: Catalog;
  /** Every incident event of incidents.jsonl, in file order. */
  events: IncidentEvent[];
}

export function meetingsCatalogText(): string {
  return readFileSync(MEETINGS_CATALOG_PATH, 'utf8');
}

/**
 * The example's catalogue as two files, everything before `agreements:` and the rest, as a
 * catalogue kept in several files arrives; `folder` goes before each file's name.
 */
export function meetingsCatalogFiles(folder = ''): Array<{ path: string; text: string }> {
  const text = meetingsCatalogText();
  const cut = text.indexOf('\nagreements:');
  if (cut < 0) throw new Error(`${MEETINGS_CATALOG_PATH} has no top-level agreements: to split at`);
  return [
    { path: `${folder}base.yaml`, text: text.slice(0, cut + 1) },
    { path: `${folder}agreements.yaml`, text: `apiVersion: underpin/v1\n${text.slice(cut + 1)}` },
  ];
}

let loaded: MeetingsExample | undefined;

/** The example's catalogue and incidents as the loaders read them; a copy of its own for each caller. */
export function meetingsExample(): MeetingsExample {
  loaded ??= loadMeetingsExample();
  return structuredClone(loaded);
}

function loadMeetingsExample(): MeetingsExample {
  const catalog = loadCatalog({ files: [{ path: MEETINGS_CATALOG_PATH, text: meetingsCatalogText() }] });
  if (!catalog.ok) throw new Error(`the meetings example's catalogue does not load:\n${formatProblems(catalog.problems)}`);
  const parsed = parseEventsJsonl(readFileSync(MEETINGS_INCIDENTS_PATH, 'utf8'), MEETINGS_INCIDENTS_PATH);
  if (!parsed.ok) throw new Error(`the meetings example's incidents do not parse:\n${formatProblems(parsed.problems)}`);
  return { catalog: catalog.catalog, events: parsed.events.filter(isIncidentEvent) };
}

function isIncidentEvent(event: TimelineEvent): event is IncidentEvent {
  return event.type.startsWith('incident.');
}

/** The example's events of one incident, in file order. */
export function eventsOf(example: MeetingsExample, incident: string): IncidentEvent[] {
  return example.events.filter((event) => event.incident === incident);
}

/** The same incident under another id and customer: one timeline measured against other terms. */
export function asIncident(events: readonly IncidentEvent[], incident: string, customer?: string): IncidentEvent[] {
  return events.map((event) =>
    event.type === 'incident.opened' ? { ...event, incident, ...(customer ? { customer } : {}) } : { ...event, incident },
  );
}

/**
 * The catalogue's calendars as fixed-offset spec calendars at the offsets of central European
 * winter time (UTC+1; UTC stays UTC), valid before the DST change of 2026-03-29, which is when
 * the example's incidents happen: expectations that hold on both these and the compiled
 * calendars (catalogCalendars) do not lean on the calendar engine.
 */
export function winterTimeCalendarsOf(catalog: Catalog): CalendarResolver {
  const calendars = new Map(
    catalog.calendars.map((spec) => [spec.id, fixedOffsetCalendar({ id: spec.id, offsetMinutes: spec.timezone === 'UTC' ? 0 : 60, weekly: spec.weekly, holidays: spec.holidays })]),
  );
  return (calendarId) => {
    const calendar = calendars.get(calendarId ?? 'always');
    if (!calendar) throw new RangeError(`calendar: unknown ${calendarId}`);
    return calendar;
  };
}

/** One agreement of the example's catalogue, as the loader gives it. */
export function meetingsAgreement(id: string): AgreementSpec {
  const found = meetingsExample().catalog.agreements.find((agreement) => agreement.id === id);
  if (!found) throw new Error(`the meetings example has no agreement ${id}`);
  return found;
}

/** One calendar of the example's catalogue, as the loader gives it. */
export function meetingsCalendarSpec(id: string): CalendarSpec {
  const found = meetingsExample().catalog.calendars.find((calendar) => calendar.id === id);
  if (!found) throw new Error(`the meetings example has no calendar ${id}`);
  return found;
}
