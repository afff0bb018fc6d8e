import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MEETINGS_EXAMPLE_DIR } from '@underpin/testing';
import { CATALOG_KEYS } from './catalog-keys.constant';
import { loadCatalog } from './load-catalog.util';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../../schema/catalog.schema.json'), 'utf8'));
const MEETINGS_DIR = MEETINGS_EXAMPLE_DIR;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
const validate = ajv.compile(SCHEMA);

const MINIMAL = [
  'apiVersion: underpin/v1',
  'parties: [{ id: it, kind: team }, { id: acme, kind: customer }]',
  'calendars: [{ id: always, timezone: UTC, weekly: { mon-sun: ["00:00-24:00"] } }]',
  'agreements:',
  '  - id: sla',
  '    kind: SLA',
  '    provider: it',
  '    consumer: acme',
  '    objectives:',
];

function documentWith(objectives: string[], more: string[] = []): unknown {
  return parse([...MINIMAL, ...objectives, ...more].join('\n'));
}

function propertiesOf(definition: { properties?: Record<string, unknown> }): string[] {
  return Object.keys(definition.properties ?? {}).sort();
}

describe('catalog.schema.json', () => {
  it('accepts the meetings example', () => {
    const document = parse(readFileSync(join(MEETINGS_DIR, 'catalog.yaml'), 'utf8'));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('accepts a minimal catalogue the loader accepts', () => {
    const lines = [...MINIMAL, '      - { id: p1, metric: resolution_time, target: 4h, calendar: always }'];
    expect(loadCatalog({ files: [{ path: 'c.yaml', text: lines.join('\n') }] }).ok).toBe(true);
    expect(validate(parse(lines.join('\n')))).toBe(true);
  });

  it.each([
    ['a misspelt key', ['      - { id: p1, metric: resolution_time, targt: 4h }']],
    ['a percentage target on a time metric', ['      - { id: p1, metric: resolution_time, target: "99%" }']],
    ['a duration target on availability', ['      - { id: a, metric: availability, target: 4h }']],
    ['a plain number as latency', ['      - { id: l, metric: latency_p95, target: 250 }']],
    ['an unknown metric', ['      - { id: x, metric: uptime, target: "99%" }']],
    ['a priority on a period objective', ['      - { id: a, metric: availability, target: "99%", priority: P1 }']],
    ['lossAbove on availability', ['      - { id: a, metric: availability, target: "99%", lossAbove: "2%" }']],
    ['a malformed underpinning reference', ['      - { id: p1, metric: resolution_time, target: 4h, underpinnedBy: [ola-x] }']],
    [
      'a trigger mixing both shapes',
      ['      - { id: p1, metric: resolution_time, target: 4h }'],
      ['    exitTriggers: [{ id: t, breachedPeriods: 3, count: 2, within: 12 months }]'],
    ],
    [
      'a tier with both sides',
      ['      - { id: a, metric: availability, target: "99%" }'],
      ['    fee: { monthly: 1, currency: SEK }', '    credits: { rules: [{ objective: a, tiers: [{ below: "99%", above: "1%", credit: "5%" }] }] }'],
    ],
    ['an incomplete priority matrix', ['      - { id: a, metric: availability, target: "99%" }'], ['    priorityMatrix: { high: { high: P1 } }']],
  ])('rejects %s, as the loader does', (_name, objectives, more = []) => {
    const lines = [...MINIMAL, ...objectives, ...more];
    expect(validate(documentWith(objectives, more))).toBe(false);
    expect(loadCatalog({ files: [{ path: 'c.yaml', text: lines.join('\n') }] }).ok).toBe(false);
  });

  const ESCALATION_BASE = ['      - { id: p1, metric: resolution_time, target: 4h, calendar: always }'];
  const CONTACT = 'contacts: [{ id: oncall, email: oncall@example.com, webhook: { url: "https://hooks.example.com/u", secret: { env: ONCALL_HOOK_SECRET } } }]';

  it('accepts escalation policies and contacts the loader accepts', () => {
    const more = [
      CONTACT,
      'escalations:',
      '  - { id: p1-unacknowledged, when: { event: not-acknowledged, priority: P1, after: 30m }, notify: [oncall], respectCalendar: false }',
      '  - { id: breach, when: { event: breach, agreement: sla, kind: [SLA, OLA] }, notify: [oncall, holder], channels: [email] }',
      '  - { id: warning, when: { event: warning, threshold: "75%", priority: [P1, P2] }, notify: [holder] }',
      '  - { id: exit, when: { event: exit-trigger }, notify: [oncall] }',
    ];
    const lines = [...MINIMAL, ...ESCALATION_BASE, ...more];
    expect(loadCatalog({ files: [{ path: 'c.yaml', text: lines.join('\n') }] }).ok).toBe(true);
    expect(validate(documentWith(ESCALATION_BASE, more)) ? [] : validate.errors).toEqual([]);
  });

  const policy = (text: string) => [CONTACT, `escalations: [${text}]`];
  it.each([
    ['a not-acknowledged policy without after', policy('{ id: e, when: { event: not-acknowledged, priority: P1 }, notify: [oncall] }')],
    ['a not-acknowledged policy filtered by agreement', policy('{ id: e, when: { event: not-acknowledged, after: 30m, agreement: sla }, notify: [oncall] }')],
    ['an exit-trigger policy with a priority', policy('{ id: e, when: { event: exit-trigger, priority: P1 }, notify: [oncall] }')],
    ['an exit-trigger policy notifying the holder', policy('{ id: e, when: { event: exit-trigger }, notify: [oncall, holder] }')],
    ['a threshold on a breach', policy('{ id: e, when: { event: breach, threshold: "75%" }, notify: [oncall] }')],
    ['an unknown event', policy('{ id: e, when: { event: breached }, notify: [oncall] }')],
    ['a policy without recipients', policy('{ id: e, when: { event: breach }, notify: [] }')],
    ['an unknown channel', policy('{ id: e, when: { event: breach }, notify: [oncall], channels: [sms] }')],
    ['a misspelt condition key', policy('{ id: e, when: { event: breach, priorty: P1 }, notify: [oncall] }')],
    ['a contact without a channel', ['contacts: [{ id: nobody, name: Nobody }]']],
    ['a literal webhook secret', ['contacts: [{ id: hook, webhook: { url: "https://hooks.example.com/u", secret: 0123456789abcdef } }]']],
    ['a secret in two places', ['contacts: [{ id: hook, webhook: { url: "https://hooks.example.com/u", secret: { env: A, file: /run/a } } }]']],
    ['a secret in no place', ['contacts: [{ id: hook, webhook: { url: "https://hooks.example.com/u", secret: {} } }]']],
    ['a secret file with a relative path', ['contacts: [{ id: hook, webhook: { url: "https://hooks.example.com/u", secret: { file: secrets/a } } }]']],
    ['a secret variable that is no name', ['contacts: [{ id: hook, webhook: { url: "https://hooks.example.com/u", secret: { env: "A-B" } } }]']],
    ['a webhook that is not http', ['contacts: [{ id: hook, webhook: { url: "ftp://hooks.example.com/u", secret: { env: HOOK } } }]']],
    ['respectCalendar without a calendar', ['contacts: [{ id: mail, email: a@example.com, respectCalendar: true }]']],
    ['a contact called holder', ['contacts: [{ id: holder, email: a@example.com }]']],
  ])('rejects %s, as the loader does', (_name, more) => {
    const lines = [...MINIMAL, ...ESCALATION_BASE, ...more];
    expect(validate(documentWith(ESCALATION_BASE, more))).toBe(false);
    expect(loadCatalog({ files: [{ path: 'c.yaml', text: lines.join('\n') }] }).ok).toBe(false);
  });

  it('rejects a document without apiVersion and a bad weekly interval', () => {
    expect(validate({ parties: [] })).toBe(false);
    const calendar = { id: 'c', timezone: 'UTC', weekly: { 'mon-fri': ['8-16'] } };
    expect(validate({ apiVersion: 'underpin/v1', calendars: [calendar] })).toBe(false);
    expect(validate({ apiVersion: 'underpin/v1', calendars: [{ ...calendar, weekly: { 'mon-fry': ['08:00-16:00'] } }] })).toBe(false);
    expect(validate({ apiVersion: 'underpin/v1', calendars: [{ ...calendar, weekly: { 'mon-fri': ['08:00-16:00'] } }] })).toBe(true);
  });

  it('lists exactly the keys the loader knows', () => {
    const d = SCHEMA.definitions;
    const agreement = d.agreement.properties;
    expect(propertiesOf(SCHEMA)).toEqual([...CATALOG_KEYS.catalog].sort());
    expect(propertiesOf(d.party)).toEqual([...CATALOG_KEYS.party].sort());
    expect(propertiesOf(d.calendar)).toEqual([...CATALOG_KEYS.calendar].sort());
    expect(propertiesOf(d.maintenance)).toEqual([...CATALOG_KEYS.maintenance].sort());
    expect(propertiesOf(d.maintenance.properties.oneOff.items)).toEqual([...CATALOG_KEYS.oneOffWindow].sort());
    expect(propertiesOf(d.service)).toEqual([...CATALOG_KEYS.service].sort());
    expect(propertiesOf(d.agreement)).toEqual([...CATALOG_KEYS.agreement].sort());
    expect(propertiesOf(agreement.effective)).toEqual([...CATALOG_KEYS.effective].sort());
    expect(propertiesOf(agreement.fee)).toEqual([...CATALOG_KEYS.fee].sort());
    expect(propertiesOf(d.objective)).toEqual([...CATALOG_KEYS.objective].sort());
    expect(propertiesOf(d.credits)).toEqual([...CATALOG_KEYS.credits].sort());
    expect(propertiesOf(d.creditRule)).toEqual([...CATALOG_KEYS.creditRule].sort());
    expect(propertiesOf(d.creditTier)).toEqual([...CATALOG_KEYS.creditTier].sort());
    const triggerKeys = new Set(d.exitTrigger.oneOf.flatMap(propertiesOf));
    expect([...triggerKeys].sort()).toEqual([...CATALOG_KEYS.exitTrigger].sort());
    expect(propertiesOf(d.contact)).toEqual([...CATALOG_KEYS.contact].sort());
    expect(propertiesOf(d.webhook)).toEqual([...CATALOG_KEYS.webhook].sort());
    expect(propertiesOf(d.secretRef)).toEqual([...CATALOG_KEYS.secretRef].sort());
    expect(propertiesOf(d.escalation)).toEqual([...CATALOG_KEYS.escalation].sort());
    expect(propertiesOf(d.escalationWhen)).toEqual([...CATALOG_KEYS.escalationWhen].sort());
  });
});
