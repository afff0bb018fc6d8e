import { formatProblems } from './format-problems.util';
import { loadCatalog } from './load-catalog.util';
import type { Problem } from './problem.type';

const HEADER = [
  'apiVersion: underpin/v1',
  'parties:',
  '  - { id: it, kind: team }',
  '  - { id: acme, kind: customer }',
  'calendars:',
  '  - { id: always, timezone: UTC, weekly: { mon-sun: ["00:00-24:00"] } }',
  '  - { id: office-se, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] } }',
];

function problemsOf(files: Array<{ path: string; text: string }>): Problem[] {
  const result = loadCatalog({ files });
  if (result.ok) throw new Error('expected the catalogue to be rejected');
  return result.problems;
}

/** Problems of one file made of the shared header and the given lines (numbered from HEADER.length + 1). */
function problemsWith(lines: string[]): Problem[] {
  return problemsOf([{ path: 'catalog.yaml', text: [...HEADER, ...lines].join('\n') }]);
}

function oneAgreement(objectives: string[], extra: string[] = []): string[] {
  return ['agreements:', '  - id: sla', '    kind: SLA', '    provider: it', '    consumer: acme', ...extra, '    objectives:', ...objectives];
}

describe('loadCatalog problems', () => {
  it('lists every mistake of a document with its file, line, column and path, and loads nothing', () => {
    const text = [
      'apiVersion: underpin/v1',
      'parties:',
      '  - { id: it, kind: team }',
      '  - { id: acme, kind: custmer }',
      'calendars:',
      '  - id: office',
      '    timezone: Europe/Stockhlm',
      '    weekly: { mon-fri: ["08:00-16:00"], sat: ["14:00-10:00"] }',
      'agreements:',
      '  - id: sla-acme',
      '    kind: SLA',
      '    provider: it',
      '    consumer: acme',
      '    windw: quarter',
      '    objectives:',
      '      - { id: p1-resolution, metric: resolution_time, target: "99%", calendar: ofice }',
      '      - { id: availability, metric: availabilty, target: "99.9%" }',
      '      - { id: latency, metric: latency_p95, target: 250 }',
    ].join('\n');
    const problems = problemsOf([{ path: 'catalogs/bad.yaml', text }]);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path}`)).toEqual([
      'catalogs/bad.yaml:4:23 parties[1].kind',
      'catalogs/bad.yaml:7:15 calendars[0].timezone',
      'catalogs/bad.yaml:8:47 calendars[0].weekly.sat[0]',
      'catalogs/bad.yaml:14:5 agreements[0].windw',
      'catalogs/bad.yaml:16:63 agreements[0].objectives[0].target',
      'catalogs/bad.yaml:16:80 agreements[0].objectives[0].calendar',
      'catalogs/bad.yaml:17:37 agreements[0].objectives[1].metric',
      'catalogs/bad.yaml:18:53 agreements[0].objectives[2].target',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'expected one of customer, team, vendor; got "custmer" (did you mean "customer"?)',
      'unknown time zone "Europe/Stockhlm"; expected an IANA zone like "Europe/Stockholm"',
      'the interval must end after it starts; split one that crosses midnight over two days',
      'unknown key "windw" (did you mean "window"?)',
      'expected a duration like "15m"',
      'unknown calendar "ofice" (did you mean "office"?)',
      'unknown metric "availabilty" (did you mean "availability"?)',
      'expected milliseconds like "250ms"',
    ]);
    expect(formatProblems(problems).split('\n')[0]).toBe(
      'catalogs/bad.yaml:4:23 parties[1].kind: expected one of customer, team, vendor; got "custmer" (did you mean "customer"?)',
    );
  });

  it('rejects an underpinning reference to an agreement that does not exist', () => {
    const problems = problemsWith(
      oneAgreement(['      - { id: p1, metric: resolution_time, priority: P1, target: 4h, underpinnedBy: [ola-x/p1] }']),
    );
    expect(problems).toEqual([
      { file: 'catalog.yaml', line: 14, column: 86, path: 'agreements[0].objectives[0].underpinnedBy[0]', message: 'unknown agreement "ola-x" in "ola-x/p1"' },
    ]);
  });

  it('rejects an underpinning reference to a missing objective, a self-reference and a cycle', () => {
    const problems = problemsWith([
      ...oneAgreement([
        '      - { id: p1, metric: resolution_time, target: 4h, underpinnedBy: [ola/p1-restor, sla/p1] }',
        '      - { id: p2, metric: resolution_time, target: 8h, underpinnedBy: [ola/p2] }',
      ]),
      '  - id: ola',
      '    kind: OLA',
      '    provider: acme',
      '    consumer: it',
      '    objectives:',
      '      - { id: p1-restore, metric: restore_time, target: 2h }',
      '      - { id: p2, metric: restore_time, target: 2h, underpinnedBy: [sla/p2] }',
    ]);
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      '14 agreements[0].objectives[0].underpinnedBy[0]: agreement "ola" has no objective "p1-restor" (did you mean "p1-restore"?)',
      '14 agreements[0].objectives[0].underpinnedBy[1]: an objective cannot underpin itself',
      '22 agreements[1].objectives[1].underpinnedBy[0]: underpinning forms a cycle: sla/p2 → ola/p2 → sla/p2',
    ]);
  });

  it('rejects a calendar id typo and suggests the calendar meant', () => {
    const problems = problemsWith(oneAgreement(['      - { id: p1, metric: response_time, target: 15m, calendar: office-sr }']));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 14,
      path: 'agreements[0].objectives[0].calendar',
      message: 'unknown calendar "office-sr" (did you mean "office-se"?)',
    });
  });

  it('rejects unknown parties, services, maintenance windows and regions', () => {
    const problems = problemsWith([
      'maintenance:',
      '  - { id: thu, calendar: office-se, weekly: { thu: ["16:00-20:00"] } }',
      'services:',
      '  - { id: video, regions: [eu-north, eu-west], dependsOn: [network] }',
      'agreements:',
      '  - id: sla',
      '    kind: SLA',
      '    provider: itt',
      '    consumer: acme',
      '    service: vidoe',
      '    activeUsers: { eu-north: 10 }',
      '    objectives:',
      '      - { id: a, metric: availability, target: "99%", excludeMaintenance: [thu, tue] }',
      '  - id: sla2',
      '    kind: SLA',
      '    provider: it',
      '    consumer: acme',
      '    service: video',
      '    activeUsers: { eu-nort: 10 }',
      '    objectives: [{ id: a, metric: availability, target: "99%" }]',
    ]);
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      '11 services[0].dependsOn[0]: unknown service "network"',
      '15 agreements[0].provider: unknown party "itt" (did you mean "it"?)',
      '17 agreements[0].service: unknown service "vidoe" (did you mean "video"?)',
      '20 agreements[0].objectives[0].excludeMaintenance[1]: unknown maintenance "tue"',
      '26 agreements[1].activeUsers.eu-nort: service "video" has no region "eu-nort" (did you mean "eu-north"?)',
    ]);
  });

  it('rejects duplicate ids, within a file and across files', () => {
    const problems = problemsOf([
      { path: 'a.yaml', text: [...HEADER, '  - { id: always, timezone: UTC, weekly: { mon: ["00:00-24:00"] } }'].join('\n') },
      { path: 'b.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - { id: acme, kind: customer }\n' },
    ]);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`)).toEqual([
      'a.yaml:8 calendars[2].id: duplicate calendar id "always" (first defined at a.yaml:6)',
      'b.yaml:3 parties[0].id: duplicate party id "acme" (first defined at a.yaml:4)',
    ]);
  });

  it('rejects time metrics without a duration target, unknown metrics and misplaced fields', () => {
    const problems = problemsWith(
      oneAgreement([
        '      - { id: a, metric: handover_time, target: 30 }',
        '      - { id: b, metric: response_tme, target: 15m }',
        '      - { id: c, metric: availability, target: 15m, priority: P1 }',
        '      - { id: d, metric: availability, target: "99%", lossAbove: "2%" }',
        '      - { id: e, metric: mos_avg, target: 7 }',
        '      - { id: f, metric: resolution_time, target: 0m, pauseOn: [awaiting-vendr] }',
      ]),
    );
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      '14 agreements[0].objectives[0].target: expected a duration like "15m"',
      '15 agreements[0].objectives[1].metric: unknown metric "response_tme" (did you mean "response_time"?)',
      '16 agreements[0].objectives[2].target: expected a percentage like "99.95%"',
      '16 agreements[0].objectives[2].priority: priority applies only to incident time objectives (response_time, resolution_time, …)',
      '17 agreements[0].objectives[3].lossAbove: lossAbove applies only to lossy_interval_ratio objectives',
      '18 agreements[0].objectives[4].target: expected a MOS score from 1 to 5, like 3.8',
      '19 agreements[0].objectives[5].target: expected a duration longer than zero',
      '19 agreements[0].objectives[5].pauseOn[0]: unknown pause reason "awaiting-vendr" (did you mean "awaiting-vendor"?)',
    ]);
  });

  it('rejects credit rules and exit triggers that name objectives the agreement lacks or cannot use', () => {
    const problems = problemsWith(
      oneAgreement(
        [
          '      - { id: avail, metric: availability, target: "99.9%" }',
          '      - { id: p1, metric: resolution_time, target: 4h }',
          '    credits:',
          '      rules:',
          '        - { objective: avial, tiers: [{ below: "99%", credit: "5%" }] }',
          '        - { objective: avail, tiers: [{ above: "99%", credit: "5%" }] }',
          '        - { objective: p1, tiers: [{ below: "99%", credit: "5%" }] }',
          '        - { objective: avail, basis: affected-users, perStartedHourBeyond: "5%" }',
          '    exitTriggers:',
          '      - { id: t1, incidentsBeyond: p2, count: 2, within: quarter }',
          '      - { id: t2, incidentsBeyond: avail, count: 2, within: 6 months }',
          '      - { id: t3, breachedPeriods: 3, within: year }',
          '      - { id: t3, breachedPeriods: 3, count: 3, within: 12 months }',
        ],
        ['    fee: { monthly: 100, currency: sek }'],
      ),
    );
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      '13 agreements[0].fee.currency: expected a three-letter currency code like SEK',
      '19 agreements[0].credits.rules[0].objective: this agreement has no objective "avial" (did you mean "avail"?)',
      '20 agreements[0].credits.rules[1].tiers[0].above: objective "avail" is met at or above its target, so its tiers use below',
      '21 agreements[0].credits.rules[2].tiers: tiers apply to period objectives; an incident time objective uses perStartedHourBeyond',
      '22 agreements[0].credits.rules[3].basis: basis affected-users needs activeUsers on the agreement',
      '22 agreements[0].credits.rules[3].perStartedHourBeyond: perStartedHourBeyond applies only to incident time objectives',
      '24 agreements[0].exitTriggers[0].incidentsBeyond: this agreement has no objective "p2" (did you mean "p1"?)',
      '25 agreements[0].exitTriggers[1].incidentsBeyond: incidentsBeyond needs an incident time objective; "avail" measures availability',
      '26 agreements[0].exitTriggers[2].within: expected a span like "12 months"',
      '27 agreements[0].exitTriggers[3].id: duplicate exit trigger id "t3"',
      '27 agreements[0].exitTriggers[3].count: count belongs to incidentsBeyond triggers; here breachedPeriods is the count',
    ]);
  });

  it('rejects bad weekly hours, holidays, and maintenance without a zone', () => {
    const problems = problemsWith([
      '  - id: shop',
      '    timezone: Europe/Paris',
      '    weekly: { mon-fri: ["09:00-17:00"], mon: ["16:00-18:00"], fri-mon: ["10:00-12:00"], sat: ["9-12"] }',
      '    holidays: ["2026-02-30"]',
      'maintenance:',
      '  - { id: nightly, weekly: { mon-sun: ["01:00-02:00"] } }',
      '  - { id: nothing, timezone: UTC }',
    ]);
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      '10 calendars[2].weekly.mon[0]: overlaps 09:00-17:00 on Monday',
      '10 calendars[2].weekly.fri-mon: a day range runs forward through the week, like "mon-fri"; got "fri-mon"',
      '10 calendars[2].weekly.sat[0]: expected a time interval like "08:00-16:00"',
      '11 calendars[2].holidays[0]: expected a date like "2026-12-24"',
      '13 maintenance[0].weekly: weekly maintenance times need a zone: add calendar or timezone',
      '14 maintenance[1]: a maintenance window needs weekly intervals or oneOff windows',
    ]);
  });

  it('requires apiVersion underpin/v1 in every file and reports missing required fields', () => {
    const problems = problemsOf([
      { path: 'a.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - { id: it }\n' },
      { path: 'b.yaml', text: 'parties: []\n' },
      { path: 'c.yaml', text: 'apiVersion: underpin/v2\n' },
    ]);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`)).toEqual([
      'a.yaml:3 parties[0].kind: is required; expected one of customer, team, vendor',
      'b.yaml:1 apiVersion: is required; expected underpin/v1',
      'c.yaml:1 apiVersion: expected underpin/v1; got "underpin/v2"',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    const problems = problemsOf([
      { path: 'broken.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team\n' },
      { path: 'twice.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team, kind: vendor }\n' },
      { path: 'empty.yaml', text: '' },
      { path: 'alias.yaml', text: 'apiVersion: underpin/v1\nparties:\n  - *nope\n' },
    ]);
    expect(problems.map((p) => `${p.file}:${p.line ?? '-'} ${p.path}`)).toEqual([
      'broken.yaml:4 ',
      'twice.yaml:3 ',
      'empty.yaml:- ',
      'alias.yaml:3 parties[0]',
    ]);
    expect(problems[0].message).toMatch(/^YAML syntax: /);
    expect(problems[1].message).toBe('this key is given twice in one mapping');
    expect(problems[2].message).toContain('the file is empty');
    expect(problems[3].message).toBe('unknown alias *nope; no anchor &nope comes before it');
  });

  it('refuses an empty list of files', () => {
    expect(loadCatalog({ files: [] })).toEqual({
      ok: false,
      problems: [{ file: '', path: '', message: 'no catalogue files were given' }],
    });
  });
});
