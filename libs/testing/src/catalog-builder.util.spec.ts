import { agreement, catalog, hours, objective, percent, ref, refs, weekdays } from './catalog-builder.util';
import { catalogFromYaml } from './catalog-yaml.util';

// The builders stand for the loader in specs that need no YAML: what they leave out must be
// what the loader fills in.
describe('catalogue builders', () => {
  const loaded = catalogFromYaml(`apiVersion: underpin/v1
parties: [{ id: it, kind: team }, { id: acme, kind: customer }]
agreements:
  - id: sla-acme
    kind: SLA
    provider: it
    consumer: acme
    objectives:
      - { id: p1-resolution, metric: resolution_time, priority: P1, target: 4h }
      - { id: availability, metric: availability, target: "99.95%" }
`);

  it('give an objective the defaults the loader gives it', () => {
    const [resolution, availability] = loaded.agreements[0].objectives;
    expect(objective({ id: 'p1-resolution', metric: 'resolution_time', priority: 'P1', target: hours(4) })).toEqual(resolution);
    expect(objective({ id: 'availability', metric: 'availability', target: percent(99.95) })).toEqual(availability);
  });

  it('give an agreement and a catalogue the defaults the loader gives them', () => {
    const [sla] = loaded.agreements;
    expect(agreement({ id: 'sla-acme', kind: 'SLA', provider: 'it', consumer: 'acme', objectives: sla.objectives })).toEqual(sla);
    const { escalations, contacts, ...rest } = loaded;
    expect([escalations, contacts]).toEqual([[], []]);
    expect(catalog({ parties: loaded.parties, agreements: loaded.agreements })).toEqual(rest);
  });

  it('read references and weekly hours as the catalogue writes them', () => {
    expect(ref('ola-netops/p1-restore')).toEqual({ agreement: 'ola-netops', objective: 'p1-restore' });
    expect(refs('a/b', 'c/d')).toEqual([ref('a/b'), ref('c/d')]);
    expect(() => ref('ola-netops')).toThrow('ref: expected agreement/objective, got ola-netops');
    expect(weekdays([0, 4], 8, 16)).toEqual([
      { day: 0, startMinute: 480, endMinute: 960 },
      { day: 4, startMinute: 480, endMinute: 960 },
    ]);
  });
});
