import { compileCalendar, type BusinessCalendar, type Catalog } from '@underpin/domain';

/** How far ahead to look for a calendar's next opening: past any run of holidays. */
const HORIZON_MS = 400 * 24 * 3_600_000;

/**
 * The first instant at or after `from` when the calendar is open; `from` itself when it is
 * open now, undefined when it never opens within the horizon.
 */
export function nextOpenInstant(calendar: BusinessCalendar, from: number): number | undefined {
  if (calendar.isOpen(from)) return from;
  return calendar.openIntervals(from, from + HORIZON_MS)[0]?.from;
}

/** Compiled calendars of one catalogue version, compiled on first use. */
export class ContactCalendars {
  private readonly compiled = new Map<string, BusinessCalendar>();

  constructor(private readonly catalog: Catalog) {}

  /** When a delivery bound to `calendarId` may go out; `from` when the id is unknown or never opens. */
  sendAt(calendarId: string | null | undefined, from: number): number {
    if (!calendarId) return from;
    const calendar = this.calendar(calendarId);
    return calendar === undefined ? from : (nextOpenInstant(calendar, from) ?? from);
  }

  private calendar(id: string): BusinessCalendar | undefined {
    const known = this.compiled.get(id);
    if (known !== undefined) return known;
    const spec = this.catalog.calendars.find((c) => c.id === id);
    if (spec === undefined) return undefined;
    const calendar = compileCalendar(spec);
    this.compiled.set(id, calendar);
    return calendar;
  }
}
