import fc from 'fast-check';
import { meetingsAgreement } from '@underpin/testing';
import type { IncidentResult, PeriodResult } from './credit.type';
import { computeCredits } from './credits.util';

const acmeSla = () => meetingsAgreement('sla-acme-video');
const meetcloudUc = () => meetingsAgreement('uc-meetcloud');
const nordbankSla = () => meetingsAgreement('sla-nordbank-video');

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3600;

/** INC-1001 from examples/meetings: 4 h 13 min against 4 h, resolved 3 March 13:05 UTC. */
const inc1001: IncidentResult = {
  incident: 'INC-1001',
  objective: 'p1-resolution',
  elapsedSeconds: 4 * HOUR + 13 * 60,
  targetSeconds: 4 * HOUR,
  breached: true,
  dueAt: utc('2026-03-03T12:52:00Z'),
  resolvedAt: utc('2026-03-03T13:05:00Z'),
};

const availability = (region: string, measured: number, period = '2026-Q1'): PeriodResult => ({
  objective: 'availability',
  region,
  period,
  measured,
  met: measured >= 0.9995,
});

describe(computeCredits.name, () => {
  it('puts 6 000 SEK for INC-1001 on the April invoice', () => {
    const [entry, ...rest] = computeCredits(acmeSla(), { incidentResults: [inc1001] });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      agreement: 'sla-acme-video',
      payer: 'it',
      payee: 'acme',
      period: '2026-03',
      sourcePeriods: ['2026-03'],
      invoicePeriod: '2026-04',
      amount: 6000,
      currency: 'SEK',
      capped: false,
    });
    expect(entry.lines).toEqual([
      expect.objectContaining({ kind: 'per-started-hour', incident: 'INC-1001', objective: 'p1-resolution', hoursBeyond: 1, rate: 0.05, amount: 6000 }),
    ]);
  });

  it('charges every started hour beyond the target and nothing on it', () => {
    const hoursFor = (overSeconds: number) =>
      computeCredits(acmeSla(), { incidentResults: [{ ...inc1001, elapsedSeconds: 4 * HOUR + overSeconds }] })[0]?.amount ?? 0;
    expect(hoursFor(0)).toBe(0);
    expect(hoursFor(1)).toBe(6000);
    expect(hoursFor(HOUR)).toBe(6000);
    expect(hoursFor(HOUR + 1)).toBe(12_000);
  });

  it('waits for an open incident and files a resolved one by the month of the agreement zone', () => {
    expect(computeCredits(acmeSla(), { incidentResults: [{ ...inc1001, resolvedAt: null }] })).toEqual([]);
    const lateMarch = { ...inc1001, resolvedAt: utc('2026-03-31T22:30:00Z') };
    expect(computeCredits(acmeSla(), { incidentResults: [lateMarch] })[0].invoicePeriod).toBe('2026-04');
    const stockholm = { ...acmeSla(), timezone: 'Europe/Stockholm' };
    expect(computeCredits(stockholm, { incidentResults: [lateMarch] })[0]).toMatchObject({ period: '2026-04', invoicePeriod: '2026-05' });
  });

  it('scales a regional availability miss by the region share of active users (99.93 % in eu-north → 4 800 SEK)', () => {
    const results = [availability('eu-north', 0.9993), availability('eu-west', 0.9999), availability('na-east', 1)];
    const [entry] = computeCredits(acmeSla(), { periodResults: results });
    expect(entry).toMatchObject({ period: '2026-03', sourcePeriods: ['2026-Q1'], invoicePeriod: '2026-04', amount: 4800 });
    expect(entry.lines).toEqual([
      expect.objectContaining({ kind: 'tier', objective: 'availability', region: 'eu-north', period: '2026-Q1', basis: 'affected-users', rate: 0.05, share: 0.8, amount: 4800 }),
    ]);
    expect((entry.lines[0] as { detail: string }).detail).toBe(
      'availability 99.93% in eu-north in 2026-Q1: 5% × 800/1000 users of 120000 SEK = 4800 SEK',
    );
  });

  it('pays the most severe tier only, and adds up regions', () => {
    const amount = (measured: number) => computeCredits(acmeSla(), { periodResults: [availability('eu-north', measured)] })[0]?.amount;
    expect(amount(0.9995)).toBeUndefined();
    expect(amount(0.9993)).toBe(4800);
    expect(amount(0.9985)).toBe(9600);
    expect(amount(0.98)).toBe(24_000);
    const both = computeCredits(acmeSla(), { periodResults: [availability('eu-north', 0.9993), availability('eu-west', 0.998)] });
    expect(both[0].amount).toBe(4800 + 1800);
  });

  it('caps an invoice at 25 % of the monthly fee and explains the cut', () => {
    const [entry] = computeCredits(acmeSla(), {
      periodResults: [
        availability('eu-north', 0.98),
        { objective: 'packet-loss', region: 'eu-north', period: '2026-03', measured: 0.007, met: false },
      ],
      incidentResults: [inc1001],
    });
    expect(entry).toMatchObject({ invoicePeriod: '2026-04', sourcePeriods: ['2026-03', '2026-Q1'], amount: 30_000, capped: true });
    expect(entry.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['tier', 24_000],
      ['per-started-hour', 6000],
      ['tier', 1920],
      ['cap', -1920],
    ]);
  });

  it('pays a per-region objective with basis fee once, at the worst region tier (a UC the vendor owes)', () => {
    const results: PeriodResult[] = [
      { objective: 'availability', region: 'eu-north', period: '2026-03', measured: 0.999, met: false },
      { objective: 'availability', region: 'na-east', period: '2026-03', measured: 0.994, met: false },
      { objective: 'availability', region: 'eu-west', period: '2026-04', measured: 0.9994, met: false },
    ];
    const entries = computeCredits(meetcloudUc(), { periodResults: results });
    expect(entries.map((e) => [e.payer, e.payee, e.invoicePeriod, e.amount, e.lines.length])).toEqual([
      ['meetcloud', 'it', '2026-04', 77_500, 1],
      ['meetcloud', 'it', '2026-05', 31_000, 1],
    ]);
    expect(entries[0].lines[0]).toMatchObject({ region: 'na-east', rate: 0.25, share: 1 });
  });

  it('never credits a met figure, nor results of another agreement', () => {
    expect(
      computeCredits(nordbankSla(), {
        periodResults: [
          { objective: 'availability', region: 'eu-north', period: '2026-03', measured: 0.5, met: true },
          { agreement: 'sla-acme-video', objective: 'availability', region: 'eu-north', period: '2026-03', measured: 0.5, met: false },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field of a rule it cannot apply', () => {
    const acme = acmeSla();
    const withRule = (rule: object) => ({ ...acme, credits: { cap: 0.25, rules: [rule as never] } });
    expect(() => computeCredits(withRule({ objective: 'nope', basis: 'fee', tiers: [] }), {})).toThrow(
      /^agreements\.sla-acme-video\.credits\.rules\[0\]\.objective: no objective "nope"/,
    );
    expect(() => computeCredits(withRule({ objective: 'p1-resolution', basis: 'fee', tiers: [{ above: 0, credit: 0.1 }] }), {})).toThrow(
      /^agreements\.sla-acme-video\.credits\.rules\[0\]\.tiers: p1-resolution is measured per incident/,
    );
    expect(() => computeCredits(withRule({ objective: 'availability', basis: 'fee', tiers: [{ above: 0.9995, credit: 0.1 }] }), {})).toThrow(
      /^agreements\.sla-acme-video\.credits\.rules\[0\]\.tiers\[0\]\.above: .*use "below"/,
    );
    expect(() => computeCredits(withRule({ objective: 'availability', basis: 'fee', tiers: [], perStartedHourBeyond: 0.05 }), {})).toThrow(
      /perStartedHourBeyond: availability is measured per period/,
    );
    expect(() => computeCredits({ ...acme, fee: undefined }, {})).toThrow(/^agreements\.sla-acme-video\.fee: credit rules need a monthly fee/);
    expect(() => computeCredits({ ...acme, activeUsers: {} }, {})).toThrow(/^agreements\.sla-acme-video\.activeUsers: /);
  });

  const tiers = fc
    .uniqueArray(fc.integer({ min: 9000, max: 9999 }), { minLength: 1, maxLength: 4 })
    .chain((thresholds) =>
      fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: thresholds.length, maxLength: thresholds.length }).map((credits) => {
        // Sensible tiers: the lower the threshold, the bigger the credit.
        const t = [...thresholds].sort((a, b) => b - a);
        const c = [...credits].sort((a, b) => a - b);
        return t.map((below, i) => ({ below: below / 10_000, credit: c[i] / 100 }));
      }),
    );

  it('never gives a smaller credit for a lower availability', () => {
    fc.assert(
      fc.property(tiers, fc.double({ min: 0.9, max: 1, noNaN: true }), fc.double({ min: 0.9, max: 1, noNaN: true }), (t, a, b) => {
        const agreement = { ...acmeSla(), credits: { rules: [{ objective: 'availability', basis: 'affected-users' as const, tiers: t }] } };
        const credit = (measured: number) =>
          computeCredits(agreement, { periodResults: [{ ...availability('eu-north', measured), met: false }] })[0]?.amount ?? 0;
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(credit(low)).toBeGreaterThanOrEqual(credit(high));
      }),
    );
  });

  it('never lets an invoice exceed the cap', () => {
    const regions = ['eu-north', 'eu-west', 'na-east'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.record({ region: fc.constantFrom(...regions), measured: fc.double({ min: 0.9, max: 1, noNaN: true }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 12 }),
        fc.array(fc.record({ over: fc.integer({ min: 0, max: 20 * HOUR }), day: fc.integer({ min: 0, max: 364 }) }), { maxLength: 8 }),
        (capPercent, periods, incidents) => {
          const acme = acmeSla();
          const agreement = { ...acme, credits: { ...acme.credits!, cap: capPercent / 100 } };
          const entries = computeCredits(agreement, {
            periodResults: periods.map((p) => availability(p.region, p.measured, `2026-Q${p.q}`)),
            incidentResults: incidents.map((x, i) => ({
              ...inc1001,
              incident: `INC-${i}`,
              elapsedSeconds: 4 * HOUR + x.over,
              resolvedAt: utc('2026-01-01T00:00:00Z') + x.day * 86_400_000,
            })),
          });
          for (const e of entries) {
            const limit = (120_000 * capPercent) / 100;
            expect(e.amount).toBeLessThanOrEqual(limit + 1e-9);
            const sum = e.lines.filter((l) => l.kind !== 'cap').reduce((s, l) => s + l.amount, 0);
            expect(e.amount).toBeCloseTo(Math.min(sum, limit), 6);
            expect(e.lines.reduce((s, l) => s + l.amount, 0)).toBeCloseTo(e.amount, 6);
          }
        },
      ),
    );
  });
});
