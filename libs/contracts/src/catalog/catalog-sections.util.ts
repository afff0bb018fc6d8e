import type { CalendarSpec, MaintenanceSpec, Party, ServiceSpec } from '@underpin/domain';
import type { CatalogReferences, IdKind } from './catalog-references.util';
import { CATALOG_KEYS, PARTY_KINDS } from './catalog-keys.constant';
import { readDate, readInstant, readTimezone } from './catalog-units.util';
import { readWeekly } from './weekly-intervals.util';
import { readEnum, readId, readListOf, readMap, readString, report, type Cursor, type Fields } from './yaml-cursor.util';

const ID_EXPECTATION = 'expected an id';

/** Reads `id`, registering it so duplicates and references can be checked across files. */
export function readDefinedId(fields: Fields, kind: IdKind, refs: CatalogReferences): string | undefined {
  const at = fields.require('id', ID_EXPECTATION);
  const id = at && readId(at);
  if (at && id !== undefined) refs.define(kind, id, at);
  return id;
}

/** A list of ids, each with where it was written so a bad reference can be pointed at. */
export function readIdItems(cursor: Cursor | undefined): Array<{ id: string; at: Cursor }> {
  if (cursor === undefined) return [];
  const read = (item: Cursor) => {
    const id = readId(item);
    return id === undefined ? undefined : { id, at: item };
  };
  const items = readListOf(cursor, read, 'expected a list of ids like [a, b]');
  const seen = new Set<string>();
  return items.filter(({ id, at }) => {
    if (seen.has(id)) report(at, `"${id}" is listed twice`);
    const first = !seen.has(id);
    seen.add(id);
    return first;
  });
}

export function readParty(cursor: Cursor, refs: CatalogReferences): Party | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.party);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'party', refs);
  const kindAt = fields.require('kind', `expected one of ${PARTY_KINDS.join(', ')}`);
  const kind = kindAt && readEnum(kindAt, PARTY_KINDS);
  const nameAt = fields.get('name');
  const name = nameAt && readString(nameAt);
  if (id === undefined || kind === undefined) return undefined;
  return name === undefined ? { id, kind } : { id, kind, name };
}

export function readCalendar(cursor: Cursor, refs: CatalogReferences): CalendarSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.calendar);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'calendar', refs);
  const zoneAt = fields.require('timezone', 'expected an IANA zone like "Europe/Stockholm"');
  const timezone = zoneAt && readTimezone(zoneAt);
  const weeklyAt = fields.require('weekly', 'expected opening hours like { mon-fri: ["08:00-16:00"] }');
  const problemsBefore = cursor.file.problems.length;
  const weekly = weeklyAt ? readWeekly(weeklyAt) : [];
  if (weeklyAt && weekly.length === 0 && cursor.file.problems.length === problemsBefore) {
    report(weeklyAt, 'a calendar needs at least one opening interval');
  }
  const holidaysAt = fields.get('holidays');
  const holidays = holidaysAt ? readListOf(holidaysAt, readDate, 'expected a list of dates like ["2026-12-24"]') : [];
  if (id === undefined || timezone === undefined) return undefined;
  return { id, timezone, weekly, holidays: [...new Set(holidays)].sort() };
}

/**
 * A maintenance window's weekly intervals are wall-clock times, so they need a zone: that of
 * the calendar it names (resolved once every file is read) or its own `timezone`.
 */
export function readMaintenance(cursor: Cursor, refs: CatalogReferences): MaintenanceSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.maintenance);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'maintenance', refs);
  const calendarAt = fields.get('calendar');
  const zoneAt = fields.get('timezone');
  const calendar = calendarAt && readId(calendarAt);
  const timezone = zoneAt && readTimezone(zoneAt);
  if (calendarAt && zoneAt) report(zoneAt, 'give either calendar (whose zone is used) or timezone, not both');
  const weeklyAt = fields.get('weekly');
  const weekly = weeklyAt ? readWeekly(weeklyAt) : [];
  const oneOffAt = fields.get('oneOff');
  const oneOff = oneOffAt ? readListOf(oneOffAt, readOneOffWindow, 'expected a list of { from, to } windows') : [];
  if (!weeklyAt && !oneOffAt) report(cursor, 'a maintenance window needs weekly intervals or oneOff windows');
  if (weeklyAt && !calendarAt && !zoneAt) {
    report(weeklyAt, 'weekly maintenance times need a zone: add calendar or timezone');
  }
  if (id === undefined) return undefined;
  // Only one-off windows (absolute instants) can lack a zone; UTC then stands in harmlessly.
  const spec: MaintenanceSpec = { id, timezone: timezone ?? 'UTC', weekly, oneOff };
  if (calendarAt && calendar !== undefined) {
    refs.refer('calendar', calendar, calendarAt);
    refs.later((catalog) => {
      const zone = catalog.calendars.find((c) => c.id === calendar)?.timezone;
      if (zone !== undefined) spec.timezone = zone;
    });
  }
  return spec;
}

function readOneOffWindow(cursor: Cursor): { from: number; to: number } | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.oneOffWindow, 'expected a window like { from: "2026-03-05T22:00:00+01:00", to: "..." }');
  if (fields === undefined) return undefined;
  const fromAt = fields.require('from', 'expected an instant with its offset');
  const toAt = fields.require('to', 'expected an instant with its offset');
  const from = fromAt && readInstant(fromAt);
  const to = toAt && readInstant(toAt);
  if (from === undefined || to === undefined) return undefined;
  if (to <= from) {
    report(toAt as Cursor, 'the window must end after it starts');
    return undefined;
  }
  return { from, to };
}

export function readService(cursor: Cursor, refs: CatalogReferences): ServiceSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.service);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'service', refs);
  const nameAt = fields.get('name');
  const name = nameAt && readString(nameAt);
  const regions = readIdItems(fields.get('regions')).map((item) => item.id);
  const dependsOn: string[] = [];
  for (const dependency of readIdItems(fields.get('dependsOn'))) {
    if (dependency.id === id) report(dependency.at, 'a service cannot depend on itself');
    else refs.refer('service', dependency.id, dependency.at);
    dependsOn.push(dependency.id);
  }
  if (id === undefined) return undefined;
  return name === undefined ? { id, regions, dependsOn } : { id, name, regions, dependsOn };
}
