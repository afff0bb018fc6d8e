import type { BusinessCalendar } from '../calendar/business-calendar.type';
import { compileCalendar } from '../calendar';
import type { CalendarSpec, Catalog, ObjectiveSpec } from '../catalog/catalog.model';
import type { CalendarResolver } from '../clock/clock.model';

const ALL_HOURS: CalendarSpec = {
  id: 'all-hours',
  timezone: 'UTC',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day: day as 0, startMinute: 0, endMinute: 1440 })),
  holidays: [],
};

/**
 * The calendar an objective counts on: its calendar with the maintenance it excludes taken
 * out. Compiled once per combination, since a compiled calendar caches the weeks it resolved.
 */
export class ObjectiveCalendars {
  private readonly compiled = new Map<string, BusinessCalendar>();

  constructor(
    private readonly catalog: Catalog,
    readonly plain: CalendarResolver,
  ) {}

  of(objective: ObjectiveSpec): BusinessCalendar {
    if (objective.excludeMaintenance.length === 0) return this.plain(objective.calendar);
    const key = `${objective.calendar ?? ''}\u0000${objective.excludeMaintenance.join('\u0000')}`;
    let calendar = this.compiled.get(key);
    if (!calendar) {
      const spec = objective.calendar === undefined ? ALL_HOURS : this.catalog.calendars.find((c) => c.id === objective.calendar);
      if (!spec) throw new Error(`calendar "${objective.calendar}" is not in the catalogue`);
      const exclusions = objective.excludeMaintenance.map((id) => {
        const window = this.catalog.maintenance.find((m) => m.id === id);
        if (!window) throw new Error(`maintenance "${id}" is not in the catalogue`);
        return window;
      });
      calendar = compileCalendar(spec, { exclusions });
      this.compiled.set(key, calendar);
    }
    return calendar;
  }
}
