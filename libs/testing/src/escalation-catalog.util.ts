import type { Catalog } from '@underpin/domain';
import { catalogFromYaml } from './catalog-yaml.util';

/** A catalogue for unit specs: two agreements, contacts for two parties, and the given policies. */
export function catalogWith(escalations: string[], contacts: string[] = []): Catalog {
  const text = [
    'apiVersion: underpin/v1',
    'parties: [{ id: it, kind: team }, { id: acme, kind: customer }, { id: service-desk, kind: team }, { id: meetcloud, kind: vendor }]',
    'calendars: [{ id: office-se, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] }, holidays: ["2026-03-09"] }]',
    'agreements:',
    '  - { id: sla-acme, kind: SLA, provider: it, consumer: acme, objectives: [{ id: p1-resolution, metric: resolution_time, priority: P1, target: 4h }, { id: any-resolution, metric: resolution_time, target: 8h }] }',
    '  - { id: uc-meetcloud, kind: UC, provider: meetcloud, consumer: it, objectives: [{ id: p2-restore, metric: restore_time, priority: P2, target: 2h }] }',
    'contacts:',
    '  - { id: slm, email: slm@example.com, webhook: { url: "https://hooks.example.com/slm", secret: { env: SLM_HOOK_SECRET } }, calendar: office-se, respectCalendar: true }',
    '  - { id: desk-lead, party: service-desk, email: lead@example.com }',
    '  - { id: desk-hook, party: service-desk, webhook: { url: "https://hooks.example.com/desk", secret: { env: DESK_HOOK_SECRET } } }',
    ...contacts,
    ...(escalations.length > 0 ? ['escalations:', ...escalations] : ['escalations: []']),
  ].join('\n');
  return catalogFromYaml([{ path: 'spec.yaml', text }]);
}
