/** Signing keys of the test webhooks (at least 16 characters), as the service's environment holds them. */
export const SECRETS = { flaky: 'flaky-secret-0123456789', dead: 'dead-secret-0123456789', oncall: 'oncall-secret-0123456789', file: 'file-secret-0123456789' } as const;
/** The notifications service's environment in tests; the catalogue names these variables. */
export const SECRET_ENV = { HOOK_SECRET_FLAKY: SECRETS.flaky, HOOK_SECRET_DEAD: SECRETS.dead, HOOK_SECRET_ONCALL: SECRETS.oncall } as const;

/**
 * A small catalogue whose agreements each lead to one policy, so each scenario of a test file
 * can pick its own path: sla-mail → e-mail, sla-hook → a webhook that fails twice, sla-dead →
 * a webhook that never answers well, sla-unsigned → a webhook whose key variable is not set,
 * sla-file → a webhook whose key is read from `secretFile`.
 */
export function testCatalog(hooksUrl: string, secretFile = '/run/secrets/underpin-test-hook'): string {
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
${['sla-mail', 'sla-hook', 'sla-dead', 'sla-office', 'sla-unsigned', 'sla-file']
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
      webhook: { url: "${hooksUrl}/oncall", secret: { env: HOOK_SECRET_ONCALL } } }
  - { id: desk, party: service-desk, email: desk@example.com }
  - { id: flaky-hook, webhook: { url: "${hooksUrl}/flaky", secret: { env: HOOK_SECRET_FLAKY } } }
  - { id: dead-hook, webhook: { url: "${hooksUrl}/dead", secret: { env: HOOK_SECRET_DEAD } } }
  - { id: unsigned-hook, webhook: { url: "${hooksUrl}/unsigned", secret: { env: HOOK_SECRET_NEVER_SET } } }
  - { id: file-hook, webhook: { url: "${hooksUrl}/file", secret: { file: "${secretFile}" } } }
  - { id: executives, email: execs@example.com }
escalations:
  - { id: breach-to-slm, when: { event: breach, agreement: sla-mail, priority: P1 }, notify: [service-level-manager] }
  - { id: warning-to-team, when: { event: warning, agreement: sla-mail, threshold: "75%" }, notify: [holder] }
  - { id: breach-to-flaky, when: { event: breach, agreement: sla-hook }, notify: [flaky-hook] }
  - { id: breach-to-dead, when: { event: breach, agreement: sla-dead }, notify: [dead-hook] }
  - { id: breach-to-unsigned, when: { event: breach, agreement: sla-unsigned }, notify: [unsigned-hook] }
  - { id: breach-to-file, when: { event: breach, agreement: sla-file }, notify: [file-hook] }
  - { id: breach-in-office-hours, when: { event: breach, agreement: sla-office }, notify: [office-slm] }
  - { id: p1-unacknowledged, when: { event: not-acknowledged, priority: P1, after: 30m }, notify: [on-call-manager], respectCalendar: false }
  - { id: exit-to-execs, when: { event: exit-trigger, kind: SLA }, notify: [executives] }
`;
}
