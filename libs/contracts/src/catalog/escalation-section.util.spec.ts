import { MEETINGS_CATALOG_PATH } from '@underpin/testing';
import { loadCatalogFromPath } from './load-catalog-from-path.util';
import { loadCatalog } from './load-catalog.util';
import type { Problem } from './problem.type';

const HEADER = [
  'apiVersion: underpin/v1',
  'parties:',
  '  - { id: it, kind: team }',
  '  - { id: acme, kind: customer }',
  '  - { id: service-desk, kind: team }',
  'calendars:',
  '  - { id: office-se, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] } }',
  'agreements:',
  '  - { id: sla-acme, kind: SLA, provider: it, consumer: acme, objectives: [{ id: p1, metric: resolution_time, priority: P1, target: 4h }] }',
];
const CONTACTS = [
  'contacts:',
  '  - id: on-call-manager',
  '    email: oncall@example.com',
  '    webhook: { url: "https://hooks.example.com/underpin", secret: { env: ON_CALL_HOOK_SECRET } }',
  '    calendar: office-se',
  '    respectCalendar: true',
  '  - { id: desk, party: service-desk, email: desk@example.com }',
];

function load(lines: string[]) {
  return loadCatalog({ files: [{ path: 'catalog.yaml', text: [...HEADER, ...lines].join('\n') }] });
}

function problemsWith(lines: string[]): string[] {
  const result = load(lines);
  if (result.ok) throw new Error('expected the catalogue to be rejected');
  return result.problems.map((p: Problem) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

/** Line numbers in problems count from the first line of HEADER. */
const at = (index: number) => HEADER.length + index + 1;

describe('loadCatalog: contacts and escalations', () => {
  it('loads policies with their units normalised and defaults filled in', () => {
    const result = load([
      ...CONTACTS,
      'escalations:',
      '  - { id: p1-unacknowledged, when: { event: not-acknowledged, priority: P1, after: 30m }, notify: [on-call-manager], respectCalendar: false }',
      '  - { id: breach-to-slm, when: { event: breach, agreement: sla-acme, kind: [SLA, UC] }, notify: [on-call-manager, holder], channels: [email] }',
      '  - { id: warning-to-team, when: { event: warning, threshold: "75%" }, notify: [holder] }',
      '  - { id: exit-to-execs, when: { event: exit-trigger }, notify: [desk] }',
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.catalog.contacts).toEqual([
      {
        id: 'on-call-manager',
        email: 'oncall@example.com',
        webhook: { url: 'https://hooks.example.com/underpin', secret: { env: 'ON_CALL_HOOK_SECRET' } },
        calendar: 'office-se',
        respectCalendar: true,
      },
      { id: 'desk', party: 'service-desk', email: 'desk@example.com', respectCalendar: false },
    ]);
    expect(result.catalog.escalations).toEqual([
      {
        id: 'p1-unacknowledged',
        when: { event: 'not-acknowledged', priorities: ['P1'], agreements: [], kinds: [], after: 1800 },
        notify: ['on-call-manager'],
        channels: [],
        respectCalendar: false,
      },
      {
        id: 'breach-to-slm',
        when: { event: 'breach', priorities: [], agreements: ['sla-acme'], kinds: ['SLA', 'UC'] },
        notify: ['on-call-manager', 'holder'],
        channels: ['email'],
      },
      { id: 'warning-to-team', when: { event: 'warning', priorities: [], agreements: [], kinds: [], threshold: 0.75 }, notify: ['holder'], channels: [] },
      { id: 'exit-to-execs', when: { event: 'exit-trigger', priorities: [], agreements: [], kinds: [] }, notify: ['desk'], channels: [] },
    ]);
  });

  it('loads the escalations of the meetings example', async () => {
    const result = await loadCatalogFromPath(MEETINGS_CATALOG_PATH);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const unacknowledged = result.catalog.escalations?.find((policy) => policy.id === 'p1-unacknowledged');
    expect(unacknowledged?.when).toEqual({ event: 'not-acknowledged', priorities: ['P1'], agreements: [], kinds: [], after: 30 * 60 });
    expect(result.catalog.contacts?.find((contact) => contact.id === 'on-call-manager')?.webhook?.url).toMatch(/^https:/);
  });

  it('gives a catalogue without escalations empty lists', () => {
    const result = load([]);
    expect(result.ok && [result.catalog.contacts, result.catalog.escalations]).toEqual([[], []]);
  });

  it('reports unknown recipients, calendars, parties and agreements where they are written, with a suggestion', () => {
    const problems = problemsWith([
      'contacts:',
      '  - { id: mgr, email: mgr@example.com, calendar: ofice-se, party: service-dsk }',
      'escalations:',
      '  - { id: e1, when: { event: breach, agreement: sla-acm }, notify: [mgr, on-call] }',
      '  - { id: e2, when: { event: warning }, notify: [mrg] }',
    ]);
    expect(problems).toEqual([
      `${at(1)}:50 contacts[0].calendar: unknown calendar "ofice-se" (did you mean "office-se"?)`,
      `${at(1)}:67 contacts[0].party: unknown party "service-dsk" (did you mean "service-desk"?)`,
      `${at(3)}:49 escalations[0].when.agreement: unknown agreement "sla-acm" (did you mean "sla-acme"?)`,
      `${at(3)}:74 escalations[0].notify[1]: unknown contact "on-call"`,
      `${at(4)}:50 escalations[1].notify[0]: unknown contact "mrg" (did you mean "mgr"?)`,
    ]);
  });

  it('reports conditions that cannot mean anything', () => {
    const problems = problemsWith([
      ...CONTACTS,
      'escalations:',
      '  - { id: a, when: { event: not-acknowledged, priority: P1, kind: SLA }, notify: [desk] }',
      '  - { id: b, when: { event: exit-trigger, priority: P1 }, notify: [desk] }',
      '  - { id: c, when: { event: breach, threshold: "75%" }, notify: [desk] }',
      '  - { id: d, when: { event: warning, threshold: "100%", after: 0m, priority: [] }, notify: [] }',
      '  - { id: a, when: { event: breach }, notify: [desk, desk], channels: [webhook] }',
      '  - { id: e, when: { event: exit-trigger }, notify: [holder] }',
    ]);
    const base = CONTACTS.length + 1;
    expect(problems).toEqual([
      `${at(base)}:20 escalations[0].when.after: is required for not-acknowledged: how long after opening, e.g. after: 30m`,
      `${at(base)}:67 escalations[0].when.kind: not-acknowledged concerns an incident before any agreement is involved; filter it by priority`,
      `${at(base + 1)}:53 escalations[1].when.priority: an exit trigger concerns an agreement, not an incident, so it has no priority`,
      `${at(base + 2)}:48 escalations[2].when.threshold: threshold applies to warning only`,
      `${at(base + 3)}:49 escalations[3].when.threshold: expected a percentage above 0% and below 100%`,
      `${at(base + 3)}:64 escalations[3].when.after: expected a duration longer than zero`,
      `${at(base + 3)}:78 escalations[3].when.priority: an empty list matches nothing; leave the filter out to match everything`,
      `${at(base + 3)}:92 escalations[3].notify: a policy needs at least one recipient`,
      `${at(base + 4)}:11 escalations[4].id: duplicate escalation id "a" (first defined at catalog.yaml:${at(base)})`,
      `${at(base + 4)}:54 escalations[4].notify[1]: "desk" is listed twice`,
      `${at(base + 4)}:47 escalations[4].notify: contact "desk" has none of the channels webhook`,
      `${at(base + 5)}:54 escalations[5].notify[0]: an exit trigger concerns an agreement, not an incident, so nobody holds it`,
    ].sort(byPosition));
  });

  it('reports contacts that cannot be reached', () => {
    const problems = problemsWith([
      'contacts:',
      '  - { id: holder, email: h@example.com }',
      '  - { id: nobody, name: Nobody }',
      '  - { id: bad, email: "not an address", webhook: { url: "mailto:x@example.com", secret: tiny } }',
      '  - { id: lost, email: l@example.com, respectCalendar: true }',
    ]);
    expect(problems).toEqual([
      `${at(1)}:11 contacts[0].id: "holder" is reserved for the party holding an incident; pick another id`,
      `${at(2)}:5 contacts[1]: a contact needs email or webhook (or both)`,
      `${at(3)}:23 contacts[2].email: expected an e-mail address like "oncall@example.com"; got "not an address"`,
      `${at(3)}:57 contacts[2].webhook.url: expected an http(s) URL like "https://hooks.example.com/underpin"; got "mailto:x@example.com"`,
      `${at(3)}:89 contacts[2].webhook.secret: signing secrets are not written in the catalogue, which every service receives; keep it in the notifications service's environment and write secret: { env: NAME }, or in a file: secret: { file: /run/secrets/name }`,
      `${at(4)}:56 contacts[3].respectCalendar: respectCalendar needs the contact to name its calendar`,
    ]);
  });

  it('takes a webhook secret from a file or a variable, and names a wrong reference', () => {
    const hook = (secret: string, id = 'h') => `  - { id: ${id}, webhook: { url: "https://hooks.example.com/u", secret: ${secret} } }`;
    const fromFile = load(['contacts:', hook('{ file: /run/secrets/hook }')]);
    if (!fromFile.ok) throw new Error(JSON.stringify(fromFile.problems));
    expect(fromFile.catalog.contacts?.[0]?.webhook?.secret).toEqual({ file: '/run/secrets/hook' });
    expect(problemsWith(['contacts:', hook('{ env: "HOOK-1" }', 'h1'), hook('{ file: run/hook }', 'h2'), hook('{ env: A, file: /a }', 'h3')])).toEqual([
      `${at(1)}:77 contacts[0].webhook.secret.env: expected an environment variable name (letters, digits, _) like UNDERPIN_WEBHOOK_SECRET; got "HOOK-1"`,
      `${at(2)}:78 contacts[1].webhook.secret.file: expected an absolute file path like /run/secrets/webhook; got "run/hook"`,
      `${at(3)}:70 contacts[2].webhook.secret: expected where the notifications service reads the signing secret: { env: NAME } or { file: /absolute/path }; give exactly one of env and file`,
    ]);
  });

  it('resolves contacts defined in another file of the catalogue', () => {
    const result = loadCatalog({
      files: [
        { path: 'catalog.yaml', text: HEADER.join('\n') },
        { path: 'people.yaml', text: ['apiVersion: underpin/v1', ...CONTACTS].join('\n') },
        { path: 'escalations.yaml', text: ['apiVersion: underpin/v1', 'escalations:', '  - { id: e, when: { event: breach }, notify: [desk] }'].join('\n') },
      ],
    });
    expect(result.ok ? result.catalog.escalations?.map((e) => e.notify) : result.problems).toEqual([['desk']]);
  });
});

function byPosition(a: string, b: string): number {
  const [la, ca] = a.split(' ')[0]!.split(':').map(Number) as [number, number];
  const [lb, cb] = b.split(' ')[0]!.split(':').map(Number) as [number, number];
  return la - lb || ca - cb;
}
