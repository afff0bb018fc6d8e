import { meetingsAgreement } from '@underpin/testing';
import type { IncidentResult, PeriodResult } from './credit.type';
import { evaluateExitTriggers } from './exit-triggers.util';

const acmeSla = () => meetingsAgreement('sla-acme-video');
const nordbankSla = () => meetingsAgreement('sla-nordbank-video');

const utc = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

const lossMiss = (period: string, region = 'eu-north'): PeriodResult => ({ objective: 'packet-loss', region, period, measured: 0.01, met: false });

function p1(incident: string, dueAt: string, over: { breached?: boolean; resolvedAt?: string | null } = {}): IncidentResult {
  return {
    incident,
    objective: 'p1-resolution',
    elapsedSeconds: 5 * 3600,
    targetSeconds: 4 * 3600,
    breached: over.breached ?? true,
    dueAt: utc(dueAt),
    resolvedAt: over.resolvedAt === undefined ? utc(dueAt) + 3_600_000 : over.resolvedAt === null ? null : utc(over.resolvedAt),
  };
}

const onlyTrigger = (id: string) => {
  const acme = acmeSla();
  return { ...acme, exitTriggers: acme.exitTriggers.filter((t) => t.id === id) };
};

describe(evaluateExitTriggers.name, () => {
  describe('three months below target in 12', () => {
    const agreement = onlyTrigger('three-bad-months');

    it('fires at the end of the month that makes the third missed month', () => {
      const firings = evaluateExitTriggers(agreement, {
        periodResults: [lossMiss('2026-01'), lossMiss('2026-04'), lossMiss('2026-04', 'eu-west'), { ...lossMiss('2026-05'), met: true }],
        incidentResults: [p1('INC-7', '2026-06-10T10:00:00Z')],
      });
      expect(firings).toHaveLength(1);
      expect(firings[0]).toMatchObject({ agreement: 'sla-acme-video', trigger: 'three-bad-months', kind: 'breached-periods' });
      expect(iso(firings[0].firedAt)).toBe('2026-07-01T00:00:00.000Z');
      expect(firings[0].evidence).toEqual([
        '2026-01: packet-loss/eu-north',
        '2026-04: packet-loss/eu-north, packet-loss/eu-west',
        '2026-06: INC-7/p1-resolution',
      ]);
    });

    it('only counts months of the trailing twelve', () => {
      const firings = evaluateExitTriggers(agreement, { periodResults: [lossMiss('2026-01'), lossMiss('2026-03'), lossMiss('2027-01')] });
      expect(firings).toEqual([]);
      const inside = evaluateExitTriggers(agreement, { periodResults: [lossMiss('2026-02'), lossMiss('2026-03'), lossMiss('2027-01')] });
      expect(inside.map((f) => iso(f.firedAt))).toEqual(['2027-02-01T00:00:00.000Z']);
    });

    it('ignores quarter-window objectives, open incidents and unbreached ones', () => {
      const firings = evaluateExitTriggers(agreement, {
        periodResults: [
          { objective: 'availability', region: 'eu-north', period: '2026-Q1', measured: 0.99, met: false },
          lossMiss('2026-05'),
          lossMiss('2026-06'),
        ],
        incidentResults: [p1('INC-8', '2026-07-02T00:00:00Z', { resolvedAt: null }), p1('INC-9', '2026-08-02T00:00:00Z', { breached: false })],
      });
      expect(firings).toEqual([]);
    });

    it('spends the months of one firing before counting again', () => {
      const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
      const firings = evaluateExitTriggers(agreement, { periodResults: months.map((m) => lossMiss(m)) });
      expect(firings.map((f) => iso(f.firedAt))).toEqual(['2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
    });

    it('ends the month in the agreement zone', () => {
      const stockholm = { ...agreement, timezone: 'Europe/Stockholm' };
      const firings = evaluateExitTriggers(stockholm, { periodResults: ['2026-01', '2026-02', '2026-03'].map((m) => lossMiss(m)) });
      expect(iso(firings[0].firedAt)).toBe('2026-03-31T22:00:00.000Z');
    });
  });

  describe('two P1 beyond RTO within a quarter', () => {
    const agreement = onlyTrigger('p1-beyond-rto');

    it('fires at the due time of the second late incident of a quarter, once per quarter', () => {
      const firings = evaluateExitTriggers(agreement, {
        incidentResults: [
          p1('INC-1', '2026-01-20T10:00:00Z'),
          p1('INC-2', '2026-03-03T12:52:00Z', { resolvedAt: null }),
          p1('INC-3', '2026-03-20T10:00:00Z'),
          p1('INC-4', '2026-04-01T10:00:00Z'),
          p1('INC-5', '2026-05-01T10:00:00Z', { breached: false }),
        ],
      });
      expect(firings.map((f) => [f.trigger, iso(f.firedAt), f.evidence])).toEqual([
        ['p1-beyond-rto', '2026-03-03T12:52:00.000Z', ['INC-1', 'INC-2']],
      ]);
    });

    it('counts an incident once and quarters in the agreement zone', () => {
      const late = [p1('INC-1', '2026-03-31T21:00:00Z'), p1('INC-1', '2026-03-31T21:30:00Z'), p1('INC-2', '2026-03-31T22:30:00Z')];
      expect(evaluateExitTriggers(agreement, { incidentResults: late })).toHaveLength(1);
      expect(evaluateExitTriggers({ ...agreement, timezone: 'Europe/Stockholm' }, { incidentResults: late })).toEqual([]);
    });
  });

  describe('three P1 past due within six months', () => {
    const agreement = nordbankSla();

    it('fires when three due times fall inside six months, then counts afresh', () => {
      const firings = evaluateExitTriggers(agreement, {
        incidentResults: [
          p1('INC-1', '2026-01-10T12:00:00Z'),
          p1('INC-2', '2026-03-01T12:00:00Z'),
          p1('INC-3', '2026-07-05T12:00:00Z'),
          p1('INC-4', '2026-07-06T12:00:00Z'),
          p1('INC-5', '2026-07-07T12:00:00Z'),
          p1('INC-6', '2026-07-08T12:00:00Z'),
        ],
      });
      expect(firings.map((f) => [iso(f.firedAt), f.evidence])).toEqual([
        ['2026-07-05T12:00:00.000Z', ['INC-1', 'INC-2', 'INC-3']],
        ['2026-07-08T12:00:00.000Z', ['INC-4', 'INC-5', 'INC-6']],
      ]);
    });

    it('lets the oldest incident fall out six calendar months later', () => {
      const firings = evaluateExitTriggers(agreement, {
        incidentResults: [p1('INC-1', '2026-01-10T12:00:00Z'), p1('INC-2', '2026-03-01T12:00:00Z'), p1('INC-3', '2026-07-10T12:00:00Z')],
      });
      expect(firings).toEqual([]);
    });
  });

  it('names a trigger it cannot evaluate', () => {
    const acme = acmeSla();
    expect(() =>
      evaluateExitTriggers({ ...acme, exitTriggers: [{ id: 'x', kind: 'incidents-beyond', objective: 'nope', count: 2, within: { kind: 'quarter' } }] }, {}),
    ).toThrow(/^agreements\.sla-acme-video\.exitTriggers\[0\]\.incidentsBeyond: no objective "nope"/);
    expect(() =>
      evaluateExitTriggers({ ...acme, exitTriggers: [{ id: 'x', kind: 'breached-periods', count: 0, of: 'month', withinMonths: 12 }] }, {}),
    ).toThrow(/^agreements\.sla-acme-video\.exitTriggers\[0\]\.count: expected a whole number of 1 or more, got 0/);
    expect(() =>
      evaluateExitTriggers({ ...acme, exitTriggers: [{ id: 'x', kind: 'incidents-beyond', objective: 'availability', count: 2, within: { kind: 'quarter' } }] }, {}),
    ).toThrow(/availability is measured per period/);
  });
});
