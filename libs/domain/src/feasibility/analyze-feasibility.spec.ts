import { EVERY_DAY, MONDAY_TO_FRIDAY, agreement as agreementOf, hours, minutes, objective, percent, ref, weekdays } from '@underpin/testing';
import { compileCalendar } from '../calendar';
import type { AgreementSpec, CalendarSpec, Catalog } from '../catalog/catalog.model';
import { analyzeFeasibility } from './analyze-feasibility.util';
import { catalogCalendars } from './catalog-calendars.util';
import type { Finding } from './finding.type';

/** Group IT is the consumer unless the agreement says otherwise. */
function agreement(spec: Omit<Parameters<typeof agreementOf>[0], 'consumer'> & Partial<AgreementSpec>): AgreementSpec {
  return agreementOf({ consumer: 'it', ...spec });
}

const calendars: CalendarSpec[] = [
  { id: 'always', timezone: 'UTC', weekly: weekdays(EVERY_DAY, 0, 24), holidays: [] },
  {
    id: 'office-se',
    timezone: 'Europe/Stockholm',
    weekly: weekdays(MONDAY_TO_FRIDAY, 8, 16),
    holidays: ['2026-01-01', '2026-01-06', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14',
      '2026-06-06', '2026-06-19', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31'],
  },
];

/** The shape of the meetings example: the findings its README lists follow from these numbers. */
function meetingsCatalog(): Catalog {
  return {
    apiVersion: 'underpin/v1',
    parties: [],
    calendars,
    maintenance: [],
    services: [
      { id: 'video-meetings', regions: ['eu-north'], dependsOn: ['meeting-platform', 'corporate-network', 'internet', 'identity'] },
      { id: 'meeting-platform', regions: [], dependsOn: [] },
      { id: 'corporate-network', regions: [], dependsOn: [] },
      { id: 'internet', regions: [], dependsOn: [] },
      { id: 'identity', name: 'Single sign-on', regions: [], dependsOn: [] },
    ],
    agreements: [
      agreement({
        id: 'sla-acme-video', kind: 'SLA', provider: 'it', consumer: 'acme', service: 'video-meetings',
        effective: { from: '2026-01-01' },
        objectives: [
          objective({ id: 'availability', metric: 'availability', target: percent(99.95), calendar: 'always',
            underpinnedBy: [ref('uc-meetcloud/availability'), ref('uc-nordnet/availability'), ref('ola-netops/lan-availability')] }),
          objective({ id: 'p1-resolution', metric: 'resolution_time', priority: 'P1', target: hours(4), calendar: 'always',
            underpinnedBy: [ref('ola-service-desk/p1-handover'), ref('ola-netops/p1-restore'), ref('uc-meetcloud/p1-restore')] }),
          objective({ id: 'p2-resolution', metric: 'resolution_time', priority: 'P2', target: hours(8), calendar: 'always',
            underpinnedBy: [ref('ola-service-desk/p2-handover'), ref('ola-workplace/p2-restore'), ref('uc-roomtech/p2-restore')] }),
          objective({ id: 'p3-resolution', metric: 'resolution_time', priority: 'P3', target: hours(24), calendar: 'office-se',
            underpinnedBy: [ref('ola-workplace/p3-restore')] }),
        ],
      }),
      agreement({
        id: 'sla-nordbank-video', kind: 'SLA', provider: 'it', consumer: 'nordbank', service: 'video-meetings',
        effective: { from: '2026-01-01' },
        objectives: [
          objective({ id: 'p1-resolution', metric: 'resolution_time', priority: 'P1', target: hours(8), calendar: 'always',
            underpinnedBy: [ref('ola-service-desk/p1-handover'), ref('ola-netops/p1-restore-office')] }),
        ],
      }),
      agreement({ id: 'ola-service-desk', kind: 'OLA', provider: 'service-desk', objectives: [
        objective({ id: 'p1-handover', metric: 'handover_time', priority: 'P1', target: minutes(15), calendar: 'always' }),
        objective({ id: 'p2-handover', metric: 'handover_time', priority: 'P2', target: minutes(30), calendar: 'always' }),
      ] }),
      agreement({ id: 'ola-netops', kind: 'OLA', provider: 'netops', service: 'corporate-network', objectives: [
        objective({ id: 'p1-restore', metric: 'restore_time', priority: 'P1', target: hours(2), calendar: 'always' }),
        objective({ id: 'p1-restore-office', metric: 'restore_time', priority: 'P1', target: hours(6), calendar: 'office-se' }),
        objective({ id: 'lan-availability', metric: 'availability', target: percent(99.9), calendar: 'always' }),
      ] }),
      agreement({ id: 'ola-workplace', kind: 'OLA', provider: 'workplace', objectives: [
        objective({ id: 'p2-restore', metric: 'restore_time', priority: 'P2', target: hours(4), calendar: 'office-se' }),
        objective({ id: 'p3-restore', metric: 'restore_time', priority: 'P3', target: hours(16), calendar: 'office-se' }),
      ] }),
      agreement({ id: 'uc-meetcloud', kind: 'UC', provider: 'meetcloud', service: 'meeting-platform', objectives: [
        objective({ id: 'availability', metric: 'availability', target: percent(99.95), calendar: 'always' }),
        objective({ id: 'p1-restore', metric: 'restore_time', priority: 'P1', target: minutes(90), calendar: 'always' }),
      ] }),
      agreement({ id: 'uc-nordnet', kind: 'UC', provider: 'nordnet', service: 'internet', objectives: [
        objective({ id: 'availability', metric: 'availability', target: percent(99.9), calendar: 'always' }),
      ] }),
      agreement({ id: 'uc-roomtech', kind: 'UC', provider: 'roomtech', objectives: [
        objective({ id: 'p2-restore', metric: 'restore_time', priority: 'P2', target: hours(8), calendar: 'office-se' }),
      ] }),
    ],
  };
}

function findingsOf(findings: Finding[], agreementId: string, objectiveId: string | null): Finding[] {
  return findings.filter((finding) => finding.agreement === agreementId && finding.objective === objectiveId);
}

describe(analyzeFeasibility.name, () => {
  const catalog = meetingsCatalog();
  const findings = analyzeFeasibility(catalog, catalogCalendars(catalog));

  it('finds nothing wrong with a chain that fits: 15m + 2h + 1h30m, all 24/7, under 4h', () => {
    expect(findingsOf(findings, 'sla-acme-video', 'p1-resolution')).toEqual([]);
  });

  it('multiplies serial availability targets: 99.95 % × 99.9 % × 99.9 % is about 99.75 %', () => {
    const [finding, ...others] = findingsOf(findings, 'sla-acme-video', 'availability').filter(
      (candidate) => candidate.kind === 'availability-composition',
    );
    expect(others).toEqual([]);
    expect(finding.detail).toContain('= 99.75 % at best, below the target of 99.95 %');
    expect(finding.detail).toContain('uc-nordnet/availability');
  });

  it('names each component of the service that no OLA or UC covers, once per agreement', () => {
    const missing = findings.filter((finding) => finding.kind === 'missing-underpinning');
    expect(missing.map((finding) => [finding.agreement, finding.objective])).toEqual([
      ['sla-acme-video', 'availability'],
      ['sla-nordbank-video', null],
    ]);
    expect(missing[0].detail).toContain('identity (Single sign-on)');
  });

  it('reports an office-hours OLA under a 24/7 SLA as a calendar gap, with the hours of a year', () => {
    const gaps = findingsOf(findings, 'sla-nordbank-video', 'p1-resolution').filter((finding) => finding.kind === 'calendar-gap');
    expect(gaps).toHaveLength(1);
    // 2026 has 261 weekdays, 10 of them holidays on this calendar: 251 × 8 h open of 8 760 h.
    expect(gaps[0].detail).toContain('ola-netops/p1-restore-office counts on office-se (2 008 h open between 2026-01-01 and 2027-01-01)');
    expect(gaps[0].detail).toContain('6 752 h (77.1 %)');
  });

  it('does not report a calendar gap between objectives on the same calendar', () => {
    expect(findingsOf(findings, 'sla-acme-video', 'p3-resolution')).toEqual([]);
  });

  it('sums the targets of a handover path and finds its worst case across a long weekend', () => {
    const [budget] = findingsOf(findings, 'sla-acme-video', 'p2-resolution').filter((finding) => finding.kind === 'time-budget');
    expect(budget.detail).toContain(
      '30m (ola-service-desk/p2-handover, always) + 4h (ola-workplace/p2-restore, office-se) + 8h (uc-roomtech/p2-restore, office-se) = 12h30m of targets',
    );
    // The hand-over lands as the office closes on the Wednesday before Easter (16:00 CEST):
    // 4h on Thursday morning, 4h on Thursday afternoon, then the office is closed for 4d16h
    // and the last 4h take Tuesday morning: 30m + 16h + 8h + 4d16h + 4h = 5d20h30m.
    expect(budget.detail).toContain('starting 2026-04-01T13:30Z');
    expect(budget.detail).toContain('takes 5d20h30m counted on always, against a target of 8h');
  });

  it('reports a path that fits its nominal sum but not its worst case on an office calendar', () => {
    const kinds = findingsOf(findings, 'sla-nordbank-video', 'p1-resolution').map((finding) => finding.kind);
    expect(kinds).toEqual(['time-budget', 'calendar-gap']);
  });

  it('reports an underpinning reference missing from the catalogue instead of failing', () => {
    const broken = meetingsCatalog();
    broken.agreements[1].objectives[0].underpinnedBy.push(ref('ola-nowhere/p1-restore'));
    const result = analyzeFeasibility(broken, catalogCalendars(broken));
    expect(result).toContainEqual({
      agreement: 'sla-nordbank-video',
      objective: 'p1-resolution',
      kind: 'missing-underpinning',
      detail: 'underpinned by ola-nowhere/p1-restore, which is not in the catalogue',
    });
  });

  it('uses the span it is given to compare calendars', () => {
    const resolver = (id: string | undefined) => compileCalendar(calendars.find((spec) => spec.id === (id ?? 'always'))!);
    // A week without holidays: Monday 2026-03-02 to Monday 2026-03-09.
    const week = { from: Date.UTC(2026, 2, 2), to: Date.UTC(2026, 2, 9) };
    const result = analyzeFeasibility(catalog, resolver, { span: week });
    const gap = findingsOf(result, 'sla-nordbank-video', 'p1-resolution').find((finding) => finding.kind === 'calendar-gap');
    expect(gap?.detail).toContain('(40 h open between 2026-03-02 and 2026-03-09)');
  });
});
