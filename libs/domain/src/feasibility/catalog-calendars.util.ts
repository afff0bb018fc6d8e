import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { alwaysCalendar, compileCalendar } from '../calendar';
import type { Catalog } from '../catalog/catalog.model';
import type { CalendarResolver } from './finding.type';

/**
 * A resolver over the catalogue's calendars, compiling each on first use and once only, so
 * every objective on one calendar shares one compiled instance.
 */
export function catalogCalendars(catalog: Catalog): CalendarResolver {
  const compiled = new Map<string, BusinessCalendar>();
  return (calendarId) => {
    if (calendarId === undefined) return alwaysCalendar;
    let calendar = compiled.get(calendarId);
    if (!calendar) {
      const spec = catalog.calendars.find((candidate) => candidate.id === calendarId);
      // The loader checks every reference; this guards catalogues built in memory.
      if (!spec) throw new Error(`calendar "${calendarId}" is not in the catalogue`);
      calendar = compileCalendar(spec);
      compiled.set(calendarId, calendar);
    }
    return calendar;
  };
}
