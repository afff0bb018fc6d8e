import { catalogCalendars } from '@underpin/domain';
import { catalogFromYaml } from './catalog-yaml.util';
import { asIncident, eventsOf, meetingsAgreement, meetingsCalendarSpec, meetingsCatalogFiles, meetingsCatalogText, meetingsExample, winterTimeCalendarsOf } from './meetings-example.util';
import { utc } from './utc-instant.util';

describe(meetingsExample.name, () => {
  it('reads the catalogue and the incident events of examples/meetings', () => {
    const { catalog, events } = meetingsExample();
    expect(catalog.agreements.map((agreement) => agreement.id)).toContain('sla-acme-video');
    expect(new Set(events.map((event) => event.incident))).toEqual(new Set(['INC-1001', 'INC-1002', 'INC-1003']));
    expect(events.every((event) => event.type.startsWith('incident.'))).toBe(true);
  });

  it('gives every caller a copy of its own, so a spec that changes one changes no other spec', () => {
    const first = meetingsExample();
    first.catalog.agreements[0].objectives = [];
    first.events.length = 0;
    const second = meetingsExample();
    expect(second.catalog.agreements[0].objectives.length).toBeGreaterThan(0);
    expect(second.events.length).toBeGreaterThan(0);
  });

  it('finds agreements and calendars by id, and names one it does not have', () => {
    expect(meetingsAgreement('uc-meetcloud')).toMatchObject({ kind: 'UC', provider: 'meetcloud' });
    expect(meetingsCalendarSpec('office-se')).toMatchObject({ timezone: 'Europe/Stockholm' });
    expect(() => meetingsAgreement('sla-nowhere')).toThrow('the meetings example has no agreement sla-nowhere');
    expect(() => meetingsCalendarSpec('office-nowhere')).toThrow('the meetings example has no calendar office-nowhere');
  });
});

describe(meetingsCatalogFiles.name, () => {
  it('splits the catalogue in two files that load to the same catalogue, under the folder given', () => {
    const files = meetingsCatalogFiles('catalog/');
    expect(files.map((file) => file.path)).toEqual(['catalog/base.yaml', 'catalog/agreements.yaml']);
    expect(catalogFromYaml(files)).toEqual(catalogFromYaml(meetingsCatalogText()));
  });
});

describe(asIncident.name, () => {
  it('renames the incident in every event, and moves only its opening to another customer', () => {
    const copy = asIncident(eventsOf(meetingsExample(), 'INC-1001'), 'INC-9001', 'nordbank');
    expect(new Set(copy.map((event) => event.incident))).toEqual(new Set(['INC-9001']));
    expect(copy[0]).toMatchObject({ type: 'incident.opened', customer: 'nordbank' });
  });
});

describe(winterTimeCalendarsOf.name, () => {
  it('agrees with the compiled calendars in winter time', () => {
    const { catalog } = meetingsExample();
    const winter = winterTimeCalendarsOf(catalog);
    const compiled = catalogCalendars(catalog);
    const from = utc('2026-03-02T00:00:00');
    const to = utc('2026-03-09T00:00:00');
    for (const id of catalog.calendars.map((calendar) => calendar.id)) {
      expect([id, winter(id).countSeconds(from, to)]).toEqual([id, compiled(id).countSeconds(from, to)]);
    }
    expect(winter(undefined).id).toBe('always');
    expect(() => winter('nowhere')).toThrow('calendar: unknown nowhere');
  });
});
