import type { CalendarSpec, MaintenanceSpec, Party, PartyKind, ServiceSpec } from '@underpin/domain';
import type { CatalogReferences, IdKind } from './catalog-references.util';
import { parseIsoInstant } from './iso-time.util';
import { readWeekly } from './weekly-intervals.util';
import { field, items, report, text, words, type Cursor } from './yaml-cursor.util';

/*
 * From validated YAML to the domain model. The schema walk has reported every value of the
 * wrong shape; what is left here is what the schema cannot say: ids defined once and
 * referred to, units turned into numbers, and rules across fields.
 */

/** Reads `id`, registering it so duplicates and references can be checked across files. */
export function readDefinedId(cursor: Cursor, kind: IdKind, refs: CatalogReferences): string | undefined {
  const at = field(cursor, 'id');
  const id = text(at);
  if (at !== undefined && id !== undefined) refs.define(kind, id, at);
  return id;
}

/** An id naming something defined elsewhere in the catalogue, recorded to be checked once all files are read. */
export function readReference(cursor: Cursor | undefined, kind: IdKind, refs: CatalogReferences): string | undefined {
  const id = text(cursor);
  if (cursor !== undefined && id !== undefined) refs.refer(kind, id, cursor);
  return id;
}

export function readParty(cursor: Cursor, refs: CatalogReferences): Party | undefined {
  const id = readDefinedId(cursor, 'party', refs);
  const kind = text(field(cursor, 'kind')) as PartyKind | undefined;
  const name = text(field(cursor, 'name'));
  if (id === undefined || kind === undefined) return undefined;
  return name === undefined ? { id, kind } : { id, kind, name };
}

export function readCalendar(cursor: Cursor, refs: CatalogReferences): CalendarSpec | undefined {
  const id = readDefinedId(cursor, 'calendar', refs);
  const timezone = text(field(cursor, 'timezone'));
  const weeklyAt = field(cursor, 'weekly');
  const weekly = readWeekly(weeklyAt);
  if (weeklyAt && weekly.length === 0 && !cursor.file.hasProblemsWithin(weeklyAt)) {
    report(weeklyAt, 'a calendar needs at least one opening interval');
  }
  const holidays = words(field(cursor, 'holidays')).map((day) => day.value);
  if (id === undefined || timezone === undefined) return undefined;
  return { id, timezone, weekly, holidays: [...new Set(holidays)].sort() };
}

/**
 * A maintenance window's weekly intervals are wall-clock times, so they need a zone: that of
 * the calendar it names (resolved once every file is read) or its own `timezone`.
 */
export function readMaintenance(cursor: Cursor, refs: CatalogReferences): MaintenanceSpec | undefined {
  const id = readDefinedId(cursor, 'maintenance', refs);
  const calendarAt = field(cursor, 'calendar');
  const calendar = readReference(calendarAt, 'calendar', refs);
  const timezone = text(field(cursor, 'timezone'));
  const weekly = readWeekly(field(cursor, 'weekly'));
  const oneOff = items(field(cursor, 'oneOff')).flatMap((window) => readOneOffWindow(window) ?? []);
  if (id === undefined) return undefined;
  // Only one-off windows (absolute instants) can lack a zone; UTC then stands in harmlessly.
  const spec: MaintenanceSpec = { id, timezone: timezone ?? 'UTC', weekly, oneOff };
  if (calendar !== undefined) {
    refs.later((catalog) => {
      const zone = catalog.calendars.find((c) => c.id === calendar)?.timezone;
      if (zone !== undefined) spec.timezone = zone;
    });
  }
  return spec;
}

function readOneOffWindow(cursor: Cursor): { from: number; to: number } | undefined {
  const toAt = field(cursor, 'to');
  const from = instantAt(field(cursor, 'from'));
  const to = instantAt(toAt);
  if (from === undefined || to === undefined) return undefined;
  if (to <= from) {
    report(toAt as Cursor, 'the window must end after it starts');
    return undefined;
  }
  return { from, to };
}

function instantAt(cursor: Cursor | undefined): number | undefined {
  const value = text(cursor);
  return value === undefined ? undefined : parseIsoInstant(value);
}

export function readService(cursor: Cursor, refs: CatalogReferences): ServiceSpec | undefined {
  const id = readDefinedId(cursor, 'service', refs);
  const name = text(field(cursor, 'name'));
  const regions = words(field(cursor, 'regions')).map((region) => region.value);
  const dependsOn: string[] = [];
  for (const dependency of words(field(cursor, 'dependsOn'))) {
    if (dependency.value === id) report(dependency.at, 'a service cannot depend on itself');
    else refs.refer('service', dependency.value, dependency.at);
    dependsOn.push(dependency.value);
  }
  if (id === undefined) return undefined;
  return name === undefined ? { id, regions, dependsOn } : { id, name, regions, dependsOn };
}
