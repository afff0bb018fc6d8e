import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../catalog/format-problems.util';
import { loadCatalog } from '../catalog/load-catalog.util';
import { INCIDENT_FIELD_RULES } from '../events/incident-fields.constant';
import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN, isEntityId } from './entity-id.constant';

const SCHEMA_TEXT = readFileSync(join(__dirname, '../../schema/catalog.schema.json'), 'utf8');

function catalogWith(service: string, party: string): string {
  return [
    'apiVersion: underpin/v1',
    `parties: [{ id: "${party}", kind: team }, { id: acme, kind: customer }]`,
    'calendars: [{ id: always, timezone: UTC, weekly: { mon-sun: ["00:00-24:00"] } }]',
    `services: [{ id: "${service}", regions: [eu-north] }]`,
    'agreements:',
    '  - id: sla',
    '    kind: SLA',
    `    provider: "${party}"`,
    '    consumer: acme',
    `    service: "${service}"`,
    '    objectives:',
    '      - { id: p1, metric: resolution_time, target: 4h, calendar: always }',
  ].join('\n');
}

describe('ENTITY_ID_PATTERN', () => {
  it.each([['SN:INC0012345'], ['video-meetings'], ['eu.north_1'], ['INC-7']])('takes %s', (id) => {
    expect(isEntityId(id)).toBe(true);
  });

  it.each([['ola-netops/p1'], ['net ops'], ['-desk'], [''], ['ä']])('refuses %p', (id) => {
    expect(isEntityId(id)).toBe(false);
  });

  it('is the pattern of every id field of an incident', () => {
    const ids = Object.entries(INCIDENT_FIELD_RULES).filter(([field]) => field !== 'title');
    expect(ids.map(([, rule]) => ('pattern' in rule ? rule.pattern : undefined))).toEqual(ids.map(() => ENTITY_ID_PATTERN));
  });

  it("lets the catalogue name what the ITSM tools name: a service or a party id with ':'", () => {
    const result = loadCatalog({ files: [{ path: 'c.yaml', text: catalogWith('SN:svc-42', 'SN:desk') }] });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('keeps / out of catalogue ids, where it separates an agreement from its objective', () => {
    const result = loadCatalog({ files: [{ path: 'c.yaml', text: catalogWith('svc/42', 'desk') }] });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `c.yaml:4:18 services[0].id: expected ${ENTITY_ID_DESCRIPTION}`,
      `c.yaml:10:14 agreements[0].service: expected ${ENTITY_ID_DESCRIPTION}`,
    ]);
  });

  it("is the catalogue's JSON Schema pattern for ids and for objective references", () => {
    const schema = JSON.parse(SCHEMA_TEXT) as { definitions: { id: { pattern: string } } };
    const body = ENTITY_ID_PATTERN.source.slice(1, -1);
    expect(schema.definitions.id.pattern).toBe(ENTITY_ID_PATTERN.source);
    expect(SCHEMA_TEXT).toContain(JSON.stringify(`^${body}/${body}$`));
  });
});
