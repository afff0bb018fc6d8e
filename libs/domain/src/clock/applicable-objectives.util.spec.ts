import { meetingsExample } from '@underpin/testing';
import type { Catalog } from '../catalog/catalog.model';
import { applicableObjectives, isEffectiveAt, refKey, underpinningChain } from './applicable-objectives.util';

const MEETINGS_CATALOG = meetingsExample().catalog;

const MARCH = Date.parse('2026-03-03T08:12:00Z');
const keys = (list: Array<{ ref: { agreement: string; objective: string } }>): string[] => list.map((entry) => refKey(entry.ref));
const acme = { service: 'video-meetings', customer: 'acme' };

describe(applicableObjectives.name, () => {
  it('applies underpinning objectives only to the parties that held the incident', () => {
    const atOpening = applicableObjectives(MEETINGS_CATALOG, { ...acme, priority: 'P1', holders: ['service-desk'] }, MARCH);
    expect(keys(atOpening)).toEqual(['sla-acme-video/p1-response', 'sla-acme-video/p1-resolution', 'ola-service-desk/p1-response', 'ola-service-desk/p1-handover']);
    const desk = atOpening.find((entry) => refKey(entry.ref) === 'ola-service-desk/p1-handover');
    expect(desk).toMatchObject({ role: 'underpinning', party: 'service-desk', priority: 'P1', underpins: [{ agreement: 'sla-acme-video', objective: 'p1-resolution' }] });
  });

  it('takes the priority from impact and urgency through the SLA matrix when given', () => {
    const strict: Catalog = {
      ...MEETINGS_CATALOG,
      agreements: MEETINGS_CATALOG.agreements.map((agreement) =>
        agreement.id === 'sla-acme-video' ? { ...agreement, priorityMatrix: { ...agreement.priorityMatrix, high: { high: 'P1', medium: 'P1', low: 'P2' } } } : agreement,
      ),
    };
    const list = applicableObjectives(strict, { ...acme, impact: 'high', urgency: 'medium', priority: 'P2', holders: [] }, MARCH);
    expect(keys(list)).toEqual(['sla-acme-video/p1-response', 'sla-acme-video/p1-resolution']);
    expect(() => applicableObjectives(MEETINGS_CATALOG, { ...acme, holders: [] }, MARCH)).toThrow("priority: give the incident's priority, or its impact and urgency");
  });

  it('selects nothing from agreements not in force at the opening, in their own zone', () => {
    expect(applicableObjectives(MEETINGS_CATALOG, { ...acme, priority: 'P1', holders: [] }, Date.parse('2025-12-31T23:30:00Z'))).toEqual([]);
    const stockholm = { ...MEETINGS_CATALOG.agreements[0], timezone: 'Europe/Stockholm', effective: { from: '2026-01-01', to: '2026-03-03' } };
    // 23:30 UTC on 31 December is already New Year in Stockholm; 23:30 UTC on 2 March is 3 March there.
    expect(isEffectiveAt(stockholm, Date.parse('2025-12-31T23:30:00Z'))).toBe(true);
    expect(isEffectiveAt(stockholm, Date.parse('2026-03-02T22:59:00Z'))).toBe(true);
    expect(isEffectiveAt(stockholm, Date.parse('2026-03-02T23:00:00Z'))).toBe(false);
  });

  it('ignores objectives that are not incident clocks and SLAs of other customers or services', () => {
    const list = applicableObjectives(MEETINGS_CATALOG, { service: 'meeting-platform', customer: 'acme', priority: 'P1', holders: ['meetcloud'] }, MARCH);
    expect(list).toEqual([]);
  });
});

describe(underpinningChain.name, () => {
  it('follows the chain through OLAs to the UCs under them, once each, even around a cycle', () => {
    const base = MEETINGS_CATALOG.agreements;
    const chained: Catalog = {
      ...MEETINGS_CATALOG,
      agreements: base.map((agreement) =>
        agreement.id === 'ola-netops'
          ? {
              ...agreement,
              objectives: agreement.objectives.map((objective) =>
                objective.id === 'p1-restore'
                  ? { ...objective, underpinnedBy: [{ agreement: 'uc-meetcloud', objective: 'p1-restore' }, { agreement: 'sla-acme-video', objective: 'p1-resolution' }] }
                  : objective,
              ),
            }
          : agreement,
      ),
    };
    const root = chained.agreements[0].objectives.find((objective) => objective.id === 'p1-resolution')!;
    const chain = underpinningChain(chained, { ...root, underpinnedBy: [{ agreement: 'ola-netops', objective: 'p1-restore' }] }, 'P1', MARCH);
    expect(chain.map((link) => `${link.agreement.id}/${link.objective.id}`)).toEqual(['ola-netops/p1-restore', 'uc-meetcloud/p1-restore', 'sla-acme-video/p1-resolution', 'ola-service-desk/p1-handover']);
    expect(underpinningChain(chained, root, 'P2', MARCH)).toEqual([]);
  });
});
