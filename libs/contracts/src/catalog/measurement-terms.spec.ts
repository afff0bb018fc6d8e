import { formatProblems } from './format-problems.util';
import { loadCatalog } from './load-catalog.util';

const HEADER = [
  'apiVersion: underpin/v1',
  'parties: [{ id: it, kind: team }, { id: acme, kind: customer }]',
  'services: [{ id: video, regions: [eu-north, eu-west] }]',
  'agreements:',
  '  - id: sla',
  '    kind: SLA',
  '    provider: it',
  '    consumer: acme',
  '    service: video',
  '    objectives:',
];

function load(objectives: string[]) {
  return loadCatalog({ files: [{ path: 'c.yaml', text: [...HEADER, ...objectives].join('\n') }] });
}

function problems(objectives: string[]): string[] {
  const result = load(objectives);
  if (result.ok) throw new Error('expected the catalogue to be rejected');
  return formatProblems(result.problems).split('\n');
}

describe('measurement terms of period objectives', () => {
  it('reads vantage points, quorum, missing data, degraded share, rolling window and burn rates into the model', () => {
    const result = load([
      '      - id: uptime',
      '        metric: availability',
      '        target: "99.9%"',
      '        measuredFrom: [stockholm-office, vendor-synthetic]',
      '        quorum: 2',
      '        missingData: { after: 5m, counts: excluded }',
      '        degradedCounts: "50%"',
      '        rollingWindow: 28d',
      '        burnRates:',
      '          - { budget: "2%", long: 1h, short: 5m, severity: page }',
      '          - { budget: "10%", long: 3d, short: 6h, severity: ticket }',
    ]);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.catalog.agreements[0].objectives[0]).toMatchObject({
      measuredFrom: ['stockholm-office', 'vendor-synthetic'],
      quorum: 2,
      missingData: { after: 300, counts: 'excluded' },
      degradedCounts: 0.5,
      rollingWindow: 28 * 86_400,
      burnRates: [
        { budget: 0.02, long: 3_600, short: 300, severity: 'page' },
        { budget: 0.1, long: 3 * 86_400, short: 6 * 3_600, severity: 'ticket' },
      ],
    });
  });

  it('leaves every term out of the model when the catalogue states none, so the plain rules hold', () => {
    const result = load(['      - { id: uptime, metric: availability, target: "99.9%" }']);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const objective = result.catalog.agreements[0].objectives[0];
    for (const key of ['measuredFrom', 'quorum', 'missingData', 'degradedCounts', 'rollingWindow', 'burnRates']) expect(objective).not.toHaveProperty(key);
  });

  it('names the place of each mistake: wrong metric, impossible quorum, bad windows, misspelt keys and values', () => {
    expect(
      problems([
        '      - { id: p1, metric: resolution_time, target: 4h, priority: P1, rollingWindow: 28d }',
        '      - { id: lat, metric: latency_p95, target: 250ms, quorum: 2 }',
        '      - { id: a, metric: availability, target: "99%", measuredFrom: [x], quorum: 2 }',
        '      - { id: b, metric: availability, target: "99%", missingData: { after: 5m, counts: maybe } }',
        '      - { id: c, metric: availability, target: "99%", burnRates: [{ budget: "2%", long: 5m, short: 1h, severity: page }] }',
        '      - { id: d, metric: availability, target: "99%", burnRates: [{ budget: "2%", long: 90s, short: 30s, severity: page }] }',
        '      - { id: e, metric: availability, target: "99%", qorum: 2 }',
        '      - { id: m, metric: mos_avg, target: 3.8, burnRates: [] }',
      ]),
    ).toEqual([
      'c.yaml:11:85 agreements[0].objectives[0].rollingWindow: rollingWindow applies only to period objectives (availability, latency_pNN, …)',
      'c.yaml:12:64 agreements[0].objectives[1].quorum: quorum applies only to availability objectives',
      'c.yaml:13:82 agreements[0].objectives[2].quorum: is 2, more than the 1 vantage point(s) of measuredFrom: the region could never count as down',
      expect.stringMatching(/^c\.yaml:14:\d+ agreements\[0\]\.objectives\[3\]\.missingData\.counts: .*up.*down.*excluded/),
      expect.stringMatching(/^c\.yaml:15:\d+ agreements\[0\]\.objectives\[4\]\.burnRates\[0\]\.short: must not be longer than long \(60 min > 5 min\)$/),
      expect.stringMatching(/^c\.yaml:16:\d+ agreements\[0\]\.objectives\[5\]\.burnRates\[0\]\.long: expected whole minutes, at least 1m$/),
      expect.stringMatching(/^c\.yaml:17:\d+ agreements\[0\]\.objectives\[6\]\.qorum: unknown key "qorum" \(did you mean "quorum"\?\)$/),
      expect.stringMatching(/^c\.yaml:18:\d+ agreements\[0\]\.objectives\[7\]\.burnRates: burnRates applies only to availability and ratio objectives$/),
    ]);
  });
});
