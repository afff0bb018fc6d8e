/** Secrets of the test webhooks (at least 16 characters, as the catalogue requires). */
export const SECRETS = { flaky: 'flaky-secret-0123456789', dead: 'dead-secret-0123456789', oncall: 'oncall-secret-0123456789' } as const;

/**
 * A small catalogue whose agreements each lead to one policy, so each scenario of a test file
 * can pick its own path: sla-mail → e-mail, sla-hook → a webhook that fails twice, sla-dead →
 * a webhook that never answers well.
 */
export function testCatalog(hooksUrl: string): string {
  return `
apiVersion: underpin/v1
parties:
  - { id: it, kind: team }
  - { id: acme, kind: customer }
  - { id: service-desk, kind: team }
calendars:
  - { id: always, timezone: UTC, weekly: { mon-sun: ["00:00-24:00"] } }
  - { id: office-se, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] } }
agreements:
${['sla-mail', 'sla-hook', 'sla-dead', 'sla-office']
  .map(
    (id) => `  - id: ${id}
    kind: SLA
    provider: it
    consumer: acme
    objectives:
      - { id: p1-resolution, metric: resolution_time, priority: P1, target: 4h, calendar: always }
      - { id: p3-resolution, metric: resolution_time, priority: P3, target: 24h, calendar: always }`,
  )
  .join('\n')}
contacts:
  - { id: service-level-manager, email: slm@example.com }
  - { id: office-slm, email: office-slm@example.com, calendar: office-se, respectCalendar: true }
  - { id: on-call-manager, email: oncall@example.com, calendar: office-se, respectCalendar: true,
      webhook: { url: "${hooksUrl}/oncall", secret: ${SECRETS.oncall} } }
  - { id: desk, party: service-desk, email: desk@example.com }
  - { id: flaky-hook, webhook: { url: "${hooksUrl}/flaky", secret: ${SECRETS.flaky} } }
  - { id: dead-hook, webhook: { url: "${hooksUrl}/dead", secret: ${SECRETS.dead} } }
  - { id: executives, email: execs@example.com }
escalations:
  - { id: breach-to-slm, when: { event: breach, agreement: sla-mail, priority: P1 }, notify: [service-level-manager] }
  - { id: warning-to-team, when: { event: warning, agreement: sla-mail, threshold: "75%" }, notify: [holder] }
  - { id: breach-to-flaky, when: { event: breach, agreement: sla-hook }, notify: [flaky-hook] }
  - { id: breach-to-dead, when: { event: breach, agreement: sla-dead }, notify: [dead-hook] }
  - { id: breach-in-office-hours, when: { event: breach, agreement: sla-office }, notify: [office-slm] }
  - { id: p1-unacknowledged, when: { event: not-acknowledged, priority: P1, after: 30m }, notify: [on-call-manager], respectCalendar: false }
  - { id: exit-to-execs, when: { event: exit-trigger, kind: SLA }, notify: [executives] }
`;
}
