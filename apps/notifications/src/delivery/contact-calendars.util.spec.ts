import { compileCalendar } from '@underpin/domain';
import { catalogWith } from '@underpin/testing';
import { ContactCalendars, nextOpenInstant } from './contact-calendars.util';

// office-se: Mon-Fri 08:00-16:00 Europe/Stockholm (UTC+1 in March), Monday 9 March 2026 a holiday.
const catalog = catalogWith([]);
const officeSe = compileCalendar(catalog.calendars[0]!);

describe(nextOpenInstant.name, () => {
  it('is the instant itself inside office hours', () => {
    const tuesdayNoon = Date.parse('2026-03-03T11:00:00Z');
    expect(nextOpenInstant(officeSe, tuesdayNoon)).toBe(tuesdayNoon);
  });

  it('is the next morning after hours, and skips the weekend and holidays', () => {
    expect(nextOpenInstant(officeSe, Date.parse('2026-03-03T15:00:00Z'))).toBe(Date.parse('2026-03-04T07:00:00Z'));
    expect(nextOpenInstant(officeSe, Date.parse('2026-03-06T15:30:00Z'))).toBe(Date.parse('2026-03-10T07:00:00Z'));
  });

  it('follows the zone across the change to summer time', () => {
    // Sunday 29 March 2026 the clocks go forward; Monday 08:00 is then 06:00 UTC.
    expect(nextOpenInstant(officeSe, Date.parse('2026-03-28T12:00:00Z'))).toBe(Date.parse('2026-03-30T06:00:00Z'));
  });
});

describe(ContactCalendars.name, () => {
  const calendars = new ContactCalendars(catalog);
  const saturday = Date.parse('2026-03-14T10:00:00Z');

  it('holds a delivery bound to a calendar until it opens', () => {
    expect(calendars.sendAt('office-se', saturday)).toBe(Date.parse('2026-03-16T07:00:00Z'));
  });

  it('sends at once without a calendar, or with one no longer in the catalogue', () => {
    expect(calendars.sendAt(null, saturday)).toBe(saturday);
    expect(calendars.sendAt('gone', saturday)).toBe(saturday);
  });
});
