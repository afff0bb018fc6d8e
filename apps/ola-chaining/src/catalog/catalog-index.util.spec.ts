import { meetingsExample } from '@underpin/testing';
import { CatalogIndex } from './catalog-index.util';

function meetingsIndex(): CatalogIndex {
  return new CatalogIndex({ version: 1, revision: 'r1', publishedAt: new Date(0), files: ['catalog.yaml'], catalog: meetingsExample().catalog });
}

describe(CatalogIndex.name, () => {
  const index = meetingsIndex();

  it("walks down from ACME's p1-resolution to the three objectives that underpin it", () => {
    const objective = index.objective('sla-acme-video/p1-resolution')!;
    expect(objective).toMatchObject({ target: '4h', targetValue: 14_400, targetUnit: 'seconds', priority: 'P1', calendar: 'always' });
    expect(objective.underpinnedBy.map((ref) => ref.ref)).toEqual(['ola-service-desk/p1-handover', 'ola-netops/p1-restore', 'uc-meetcloud/p1-restore']);
    expect(objective.underpinnedBy.map((ref) => index.objective(ref.ref)?.target)).toEqual(['15m', '2h', '1h30m']);
  });

  it('walks up from an underpinning objective to every SLA objective naming it', () => {
    expect(index.underpins('ola-service-desk/p1-handover').map((o) => o.ref)).toEqual(['sla-acme-video/p1-resolution', 'sla-nordbank-video/p1-resolution']);
    expect(index.underpins('sla-acme-video/p1-resolution')).toEqual([]);
  });

  it('finds agreements and parties by id and nothing for unknown ids', () => {
    expect(index.agreement('uc-meetcloud')).toMatchObject({ kind: 'UC', provider: 'meetcloud', effectiveFrom: '2025-07-01', fee: { monthly: 310000, currency: 'SEK' } });
    expect(index.agreement('nope')).toBeUndefined();
    expect(index.objective('uc-meetcloud/nope')).toBeUndefined();
    expect(index.party('acme')).toEqual({ id: 'acme', kind: 'customer', name: 'ACME Sales AB' });
  });

  it('hands out plain data that names its revision, never a way back to the index', () => {
    const agreement = index.agreement('sla-acme-video')!;
    expect(JSON.parse(JSON.stringify(agreement))).toEqual(agreement);
    expect(agreement.catalogRevision).toBe('r1');
    expect(agreement.objectives.map((objective) => objective.catalogRevision)).toEqual(agreement.objectives.map(() => 'r1'));
    expect(JSON.parse(JSON.stringify(index.model()))).toEqual({ revision: 'r1', publishedAt: new Date(0).toISOString(), files: ['catalog.yaml'] });
  });

  it('computes the feasibility findings once per version', () => {
    const findings = index.findings();
    expect(index.findings()).toBe(findings);
    for (const finding of findings) {
      expect(['time-budget', 'calendar-gap', 'availability-composition', 'missing-underpinning']).toContain(finding.kind);
      expect(index.agreement(finding.agreement)).toBeDefined();
    }
    // The example's Nordbank P1 chain relies on an office-hours restore: a calendar gap.
    expect(findings.some((f) => f.agreement === 'sla-nordbank-video' && f.objective === 'p1-resolution')).toBe(true);
  });
});
