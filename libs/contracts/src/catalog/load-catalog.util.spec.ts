import { DEFAULT_PRIORITY_MATRIX, type AgreementSpec, type Catalog } from '@underpin/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETINGS_EXAMPLE_DIR } from '@underpin/testing';
import { formatProblems } from './format-problems.util';
import { loadCatalog } from './load-catalog.util';

const MEETINGS_DIR = MEETINGS_EXAMPLE_DIR;

function load(files: Array<{ path: string; text: string }>): Catalog {
  const result = loadCatalog({ files });
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.catalog;
}

function agreement(catalog: Catalog, id: string): AgreementSpec {
  const found = catalog.agreements.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no agreement ${id}`);
  return found;
}

function objective(catalog: Catalog, agreementId: string, objectiveId: string) {
  const found = agreement(catalog, agreementId).objectives.find((o) => o.id === objectiveId);
  if (found === undefined) throw new Error(`no objective ${agreementId}/${objectiveId}`);
  return found;
}

describe(loadCatalog.name, () => {
  describe('the meetings example', () => {
    const catalog = load([{ path: 'catalog.yaml', text: readFileSync(join(MEETINGS_DIR, 'catalog.yaml'), 'utf8') }]);

    it('holds every party, calendar, window, service and agreement', () => {
      expect(catalog.apiVersion).toBe('underpin/v1');
      expect(catalog.parties.map((p) => p.id)).toEqual([
        'it',
        'acme',
        'nordbank',
        'service-desk',
        'netops',
        'workplace',
        'meetcloud',
        'nordnet',
        'roomtech',
      ]);
      expect(catalog.parties[6]).toEqual({ id: 'meetcloud', kind: 'vendor', name: 'MeetCloud (meeting platform SaaS)' });
      expect(catalog.calendars.map((c) => c.id)).toEqual(['always', 'office-se', 'office-dk']);
      expect(catalog.maintenance.map((m) => m.id)).toEqual(['thu-evening']);
      expect(catalog.services).toHaveLength(6);
      expect(catalog.agreements.map((a) => `${a.kind} ${a.id}`)).toEqual([
        'SLA sla-acme-video',
        'SLA sla-nordbank-video',
        'OLA ola-service-desk',
        'OLA ola-netops',
        'OLA ola-workplace',
        'UC uc-meetcloud',
        'UC uc-nordnet',
        'UC uc-roomtech',
      ]);
    });

    it('turns weekly hours into minutes per weekday, Monday = 0', () => {
      const always = catalog.calendars[0];
      expect(always.weekly).toEqual([0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, startMinute: 0, endMinute: 1440 })));
      const officeDk = catalog.calendars[2];
      expect(officeDk.timezone).toBe('Europe/Copenhagen');
      expect(officeDk.weekly).toEqual([
        { day: 0, startMinute: 480, endMinute: 960 },
        { day: 1, startMinute: 480, endMinute: 960 },
        { day: 2, startMinute: 480, endMinute: 960 },
        { day: 3, startMinute: 480, endMinute: 960 },
        { day: 4, startMinute: 480, endMinute: 900 },
      ]);
      const officeSe = catalog.calendars[1];
      expect(officeSe.holidays).toHaveLength(12);
      expect(officeSe.holidays).toContain('2026-12-24');
    });

    it('gives the maintenance window the zone of the calendar it names', () => {
      expect(catalog.maintenance[0]).toEqual({
        id: 'thu-evening',
        timezone: 'Europe/Stockholm',
        weekly: [{ day: 3, startMinute: 960, endMinute: 1200 }],
        oneOff: [],
      });
    });

    it('keeps service dependencies in order', () => {
      expect(catalog.services[0]).toEqual({
        id: 'video-meetings',
        name: 'Video meetings',
        regions: ['eu-north', 'eu-west', 'na-east'],
        dependsOn: ['meeting-platform', 'corporate-network', 'internet', 'identity', 'room-systems'],
      });
      expect(catalog.services[5].regions).toEqual(['eu-north', 'eu-west']);
    });

    it('normalises targets to seconds, ratios and milliseconds with their direction', () => {
      expect(objective(catalog, 'sla-acme-video', 'p1-resolution')).toMatchObject({
        metric: 'resolution_time',
        priority: 'P1',
        target: { unit: 'seconds', value: 14_400 },
        direction: 'atMost',
        calendar: 'always',
        pauseOn: ['awaiting-customer'],
        warnAt: [0.5, 0.75, 0.9],
        window: 'quarter',
        underpinnedBy: [
          { agreement: 'ola-service-desk', objective: 'p1-handover' },
          { agreement: 'ola-netops', objective: 'p1-restore' },
          { agreement: 'uc-meetcloud', objective: 'p1-restore' },
        ],
      });
      expect(objective(catalog, 'sla-acme-video', 'availability')).toMatchObject({
        target: { unit: 'ratio', value: 0.9995 },
        direction: 'atLeast',
        perRegion: true,
        excludeMaintenance: ['thu-evening'],
      });
      expect(objective(catalog, 'sla-acme-video', 'latency')).toMatchObject({
        metric: 'latency_p95',
        target: { unit: 'milliseconds', value: 250 },
        direction: 'atMost',
      });
      expect(objective(catalog, 'sla-acme-video', 'packet-loss')).toMatchObject({
        target: { unit: 'ratio', value: 0.005 },
        direction: 'atMost',
        lossAbove: 0.02,
        window: 'month',
      });
      expect(objective(catalog, 'uc-meetcloud', 'p1-restore').target).toEqual({ unit: 'seconds', value: 5_400 });
      expect(objective(catalog, 'sla-acme-video', 'p3-resolution').target).toEqual({ unit: 'seconds', value: 86_400 });
      expect(objective(catalog, 'sla-nordbank-video', 'p1-resolution').pauseOn).toEqual(['awaiting-customer', 'awaiting-vendor']);
    });

    it('fills in the documented defaults', () => {
      const desk = agreement(catalog, 'ola-service-desk');
      expect(desk.window).toBe('month');
      expect(desk.timezone).toBe('UTC');
      expect(desk.effective).toEqual({});
      expect(desk.activeUsers).toEqual({});
      expect(desk.exitTriggers).toEqual([]);
      expect(desk.credits).toBeUndefined();
      expect(desk.priorityMatrix).toEqual(DEFAULT_PRIORITY_MATRIX);
      expect(agreement(catalog, 'sla-acme-video').priorityMatrix).toEqual(DEFAULT_PRIORITY_MATRIX);
      const handover = objective(catalog, 'ola-service-desk', 'p1-handover');
      expect(handover).toMatchObject({ pauseOn: ['awaiting-customer'], warnAt: [0.5, 0.75, 0.9], perRegion: false, window: 'month' });
      expect(handover.excludeMaintenance).toEqual([]);
      expect(handover.underpinnedBy).toEqual([]);
      expect(objective(catalog, 'sla-acme-video', 'latency').calendar).toBeUndefined();
      expect(objective(catalog, 'sla-acme-video', 'latency').window).toBe('quarter');
    });

    it('reads fees, users, credits and exit triggers', () => {
      const acme = agreement(catalog, 'sla-acme-video');
      expect(acme).toMatchObject({
        provider: 'it',
        consumer: 'acme',
        service: 'video-meetings',
        serviceClass: 'premium',
        effective: { from: '2026-01-01' },
        window: 'quarter',
        fee: { monthly: 120_000, currency: 'SEK' },
        activeUsers: { 'eu-north': 800, 'eu-west': 150, 'na-east': 50 },
      });
      expect(acme.credits).toEqual({
        cap: 0.25,
        rules: [
          {
            objective: 'availability',
            basis: 'affected-users',
            tiers: [
              { below: 0.9995, credit: 0.05 },
              { below: 0.999, credit: 0.1 },
              { below: 0.99, credit: 0.25 },
            ],
          },
          { objective: 'p1-resolution', basis: 'fee', tiers: [], perStartedHourBeyond: 0.05 },
          { objective: 'packet-loss', basis: 'affected-users', tiers: [{ above: 0.005, credit: 0.02 }] },
        ],
      });
      expect(acme.exitTriggers).toEqual([
        { id: 'three-bad-months', kind: 'breached-periods', count: 3, of: 'month', withinMonths: 12 },
        { id: 'p1-beyond-rto', kind: 'incidents-beyond', objective: 'p1-resolution', count: 2, within: { kind: 'quarter' } },
      ]);
      expect(agreement(catalog, 'sla-nordbank-video').exitTriggers).toEqual([
        { id: 'p1-half-year', kind: 'incidents-beyond', objective: 'p1-resolution', count: 3, within: { kind: 'months', months: 6 } },
      ]);
      expect(agreement(catalog, 'sla-nordbank-video').credits?.rules[0].basis).toBe('fee');
    });
  });

  it('merges a catalogue split over files, resolving references between them', () => {
    const catalog = load([
      {
        path: 'parties.yaml',
        text: 'apiVersion: underpin/v1\nparties:\n  - { id: it, kind: team }\n  - { id: acme, kind: customer }\n',
      },
      {
        path: 'calendars.yaml',
        text: [
          'apiVersion: underpin/v1',
          'calendars:',
          '  - { id: office, timezone: Europe/Oslo, weekly: { mon-fri: ["08:00-12:00", "13:00-17:00"] } }',
          'maintenance:',
          '  - { id: sunday, timezone: UTC, weekly: { sun: ["02:00-04:00"] } }',
          '  - id: migration',
          '    oneOff: [{ from: "2026-03-05T22:00:00+01:00", to: "2026-03-06T02:00:00+01:00" }]',
        ].join('\n'),
      },
      {
        path: 'agreements.yaml',
        text: [
          'apiVersion: underpin/v1',
          'agreements:',
          '  - id: sla',
          '    kind: SLA',
          '    provider: it',
          '    consumer: acme',
          '    timezone: Europe/Oslo',
          '    priorityMatrix:',
          '      high: { high: P1, medium: P1, low: P2 }',
          '      medium: { high: P2, medium: P3, low: P3 }',
          '      low: { high: P3, medium: P4, low: P4 }',
          '    objectives:',
          '      - { id: avail, metric: availability, target: "99.5%", calendar: office, excludeMaintenance: [sunday, migration] }',
          '      - { id: mos, metric: mos_avg, target: 3.8, window: quarter }',
          '      - { id: setup, metric: call_setup_failure_ratio, target: "0%" }',
          '      - { id: p99, metric: latency_p99.9, target: "400ms" }',
          '      - { id: gdpr, metric: regulatory_report_time, target: 3d, warnAt: ["90%", "25%"] }',
        ].join('\n'),
      },
    ]);
    expect(catalog.parties).toHaveLength(2);
    expect(catalog.calendars[0].weekly).toHaveLength(10);
    expect(catalog.maintenance[1].oneOff).toEqual([
      { from: Date.UTC(2026, 2, 5, 21), to: Date.UTC(2026, 2, 6, 1) },
    ]);
    const sla = catalog.agreements[0];
    expect(sla.timezone).toBe('Europe/Oslo');
    expect(sla.priorityMatrix.high.medium).toBe('P1');
    expect(sla.objectives.map((o) => [o.id, o.target, o.direction, o.window])).toEqual([
      ['avail', { unit: 'ratio', value: 0.995 }, 'atLeast', 'month'],
      ['mos', { unit: 'score', value: 3.8 }, 'atLeast', 'quarter'],
      ['setup', { unit: 'ratio', value: 0 }, 'atMost', 'month'],
      ['p99', { unit: 'milliseconds', value: 400 }, 'atMost', 'month'],
      ['gdpr', { unit: 'seconds', value: 259_200 }, 'atMost', 'month'],
    ]);
    expect(sla.objectives[4].warnAt).toEqual([0.25, 0.9]);
  });

  it('reads anchors and aliases like the nodes they name', () => {
    const catalog = load([
      {
        path: 'catalog.yaml',
        text: [
          'apiVersion: underpin/v1',
          'calendars:',
          '  - { id: a, timezone: UTC, weekly: &office { mon-fri: ["08:00-16:00"] } }',
          '  - { id: b, timezone: Europe/Helsinki, weekly: *office }',
        ].join('\n'),
      },
    ]);
    expect(catalog.calendars[1].weekly).toEqual(catalog.calendars[0].weekly);
  });
});
