import { SLA_CLOCKS_TOPIC, createEnvelope, type ClockAlertPayload, type EnvelopeOf } from '@underpin/contracts';
import { waitUntil } from '@underpin/testing';
import { NotificationsHarness, TestClock } from './notifications-harness.util';
import { startSmtpSink, type SmtpSink } from './smtp-sink.util';
import { SECRETS } from './test-catalog.util';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.util';

jest.setTimeout(30_000);

type ClockEnvelope = EnvelopeOf<typeof SLA_CLOCKS_TOPIC>;

/** One policy per path: at once by e-mail, at once by webhook, an hour later, or in office hours only. */
const catalog = (hooksUrl: string) => `
apiVersion: underpin/v1
parties:
  - { id: it, kind: team }
  - { id: acme, kind: customer }
  - { id: service-desk, kind: team }
calendars:
  - { id: always, timezone: UTC, weekly: { mon-sun: ["00:00-24:00"] } }
  - { id: office-se, timezone: Europe/Stockholm, weekly: { mon-fri: ["08:00-16:00"] } }
agreements:
${['sla-mail', 'sla-hook', 'sla-later', 'sla-office']
  .map(
    (id) => `  - id: ${id}
    kind: SLA
    provider: it
    consumer: acme
    objectives:
      - { id: p1-response, metric: response_time, priority: P1, target: 15m, calendar: always }`,
  )
  .join('\n')}
contacts:
  - { id: slm, email: slm@example.com }
  - { id: office-slm, email: office-slm@example.com, calendar: office-se, respectCalendar: true }
  - { id: hook, webhook: { url: "${hooksUrl}/hook", secret: { env: HOOK_SECRET_FLAKY } } }
escalations:
  - { id: breach-mail, when: { event: breach, agreement: sla-mail }, notify: [slm] }
  - { id: warning-mail, when: { event: warning, agreement: sla-mail }, notify: [slm] }
  - { id: breach-hook, when: { event: breach, agreement: sla-hook }, notify: [hook] }
  - { id: breach-later, when: { event: breach, agreement: sla-later, after: 1h }, notify: [slm] }
  - { id: breach-office, when: { event: breach, agreement: sla-office }, notify: [office-slm] }
`;

interface DeliveryRow {
  policy: string;
  status: string;
  trigger_event_id: string;
  corrects: string | null;
  id: string;
}

describe('notifications: alerts withdrawn, restated and historical', () => {
  // A Saturday: the office contact's calendar is closed, the others' are not.
  const clock = new TestClock(Date.parse('2026-03-07T10:00:00Z'));
  let smtp: SmtpSink;
  let hooks: WebhookReceiver;
  let harness: NotificationsHarness;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookReceiver(clock.now);
    hooks.route('/hook', SECRETS.flaky, [200]);
    harness = await NotificationsHarness.start('notifications_corrections', clock, { smtp: { url: smtp.url, from: 'Underpin <underpin@example.com>' } });
    await harness.publishCatalog(catalog(hooks.url));
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    await hooks?.close();
    await smtp?.close();
  });

  const deliveriesOf = (incident: string) =>
    harness.rows<DeliveryRow>(
      `SELECT id::text AS id, policy, status, trigger_event_id::text AS trigger_event_id, corrects::text AS corrects FROM notifications.deliveries WHERE incident = $1 ORDER BY created_at`,
      [incident],
    );

  async function openP1(incident: string): Promise<void> {
    await harness.publishIncident(
      harness.incidentEvent('incident.opened', { incident, service: 'video-meetings', customer: 'acme', impact: 'high', urgency: 'high', assignee: 'service-desk', title: 'Calls drop' }),
    );
  }

  function withdrawal(alert: ClockEnvelope, reason: string): ClockEnvelope {
    const { incident, agreement, objective, kind, threshold, at } = alert.payload;
    return createEnvelope(
      SLA_CLOCKS_TOPIC,
      'sla.clock.withdrawn',
      { incident, agreement, objective, kind, threshold, at, withdrawnAt: new Date(clock.now()).toISOString(), reason },
      { source: 'sla-evaluation' },
    ) as ClockEnvelope;
  }

  const REASON = 'acknowledged at 2026-03-07T09:50:00Z arrived after it was sent: the breach never happened';

  it('sends whoever got a breach by e-mail a correction when it is withdrawn, and shows it withdrawn on the feed', async () => {
    await openP1('INC-W1');
    const breach = harness.clockAlert('breach', 'INC-W1', 'sla-mail', 'p1-response');
    await harness.publishAlert(breach);
    await waitUntil('the breach e-mail', () => smtp.mails.some((mail) => mail.subject.includes('INC-W1')));

    await harness.publishAlert(withdrawal(breach, REASON));
    await waitUntil('the correction e-mail', () => smtp.mails.filter((mail) => mail.subject.includes('INC-W1')).length === 2);
    const [sent, correction] = smtp.mails.filter((mail) => mail.subject.includes('INC-W1'));
    expect(sent.subject).toBe('[Underpin] P1 breach: sla-mail/p1-response missed on INC-W1');
    expect(correction.subject).toBe('[Underpin] Withdrawn: P1 breach: sla-mail/p1-response missed on INC-W1');
    expect(correction.to).toEqual(['slm@example.com']);
    expect(correction.text).toContain(`is withdrawn: ${REASON}.`);
    expect(correction.text).toContain('Nothing needs to be done about it.');

    await waitUntil('both deliveries delivered', async () => (await deliveriesOf('INC-W1')).every((d) => d.status === 'delivered'));
    const [original, corrected] = await deliveriesOf('INC-W1');
    expect(corrected).toMatchObject({ policy: 'breach-mail', corrects: original.id });
    const [trigger] = await harness.rows<{ withdrawn_at: Date | null; withdraw_reason: string }>(`SELECT withdrawn_at, withdraw_reason FROM notifications.triggers WHERE event_id = $1`, [breach.id]);
    expect(trigger.withdrawn_at).not.toBeNull();
    expect(trigger.withdraw_reason).toBe(REASON);

    const feed = (await (await fetch(`${harness.service!.url}/status/feed.json`)).json()) as {
      items: Array<{ id: string; content_text: string; _underpin: { updates: Array<{ kind: string; summary: string; withdrawn?: { reason: string } }> } }>;
    };
    const item = feed.items.find((i) => i.id === 'INC-W1')!;
    expect(item._underpin.updates.find((u) => u.kind === 'breach')).toMatchObject({ summary: 'sla-mail/p1-response target missed', withdrawn: { reason: REASON } });
    expect(item.content_text).toContain(`breach: sla-mail/p1-response target missed (withdrawn: ${REASON})`);
    const rss = await (await fetch(`${harness.service!.url}/status/feed.rss`)).text();
    expect(rss).toContain(`INC-W1 breach withdrawn: sla-mail/p1-response breach withdrawn: ${REASON}`);
    expect(rss).toContain(`urn:underpin:incident-update:${withdrawalIdOf(await harness.rows(`SELECT withdrawn_by::text AS id FROM notifications.triggers WHERE event_id = $1`, [breach.id]))}`);
  });

  it('corrects a breach sent to a webhook on the webhook, signed', async () => {
    await openP1('INC-W2');
    const breach = harness.clockAlert('breach', 'INC-W2', 'sla-hook', 'p1-response');
    await harness.publishAlert(breach);
    await waitUntil('the breach webhook', () => hooks.received.some((hook) => hook.body.includes('INC-W2')));
    await harness.publishAlert(withdrawal(breach, REASON));
    await waitUntil('the correction webhook', () => hooks.received.filter((hook) => hook.body.includes('INC-W2')).length === 2);
    const correction = hooks.received.filter((hook) => hook.body.includes('INC-W2'))[1];
    expect(correction.signatureValid).toBe(true);
    const body = JSON.parse(correction.body) as Record<string, unknown>;
    const first = JSON.parse(hooks.received.filter((hook) => hook.body.includes('INC-W2'))[0].body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'withdrawn', withdrawnEvent: 'breach', incident: 'INC-W2', agreement: 'sla-hook', objective: 'p1-response', reason: REASON, corrects: first['id'] });
  });

  it('cancels an escalation still waiting for its delay, and a delivery waiting for office hours, sending nothing', async () => {
    await openP1('INC-W3');
    const later = harness.clockAlert('breach', 'INC-W3', 'sla-later', 'p1-response');
    const office = harness.clockAlert('breach', 'INC-W3', 'sla-office', 'p1-response');
    await harness.publishAlert(later);
    await harness.publishAlert(office);
    await waitUntil('the delayed escalation and the office delivery to wait', async () => {
      const [pending] = await harness.rows<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.pending_escalations WHERE incident = 'INC-W3' AND status = 'pending'`);
      const deliveries = await deliveriesOf('INC-W3');
      return pending.n === 1 && deliveries.length === 1 && deliveries[0].status === 'pending';
    });
    await harness.publishAlert(withdrawal(later, REASON));
    await harness.publishAlert(withdrawal(office, REASON));
    await waitUntil('the escalation to be cancelled', async () => {
      const [row] = await harness.rows<{ status: string; outcome: string }>(`SELECT status, outcome FROM notifications.pending_escalations WHERE trigger_event_id = $1`, [later.id]);
      return row?.status === 'cancelled';
    });
    const [escalation] = await harness.rows<{ outcome: string }>(`SELECT outcome FROM notifications.pending_escalations WHERE trigger_event_id = $1`, [later.id]);
    expect(escalation.outcome).toBe('alert withdrawn');
    await waitUntil('the office delivery to be cancelled', async () => (await deliveriesOf('INC-W3'))[0].status === 'cancelled');
    // Monday morning in Stockholm, and an hour past the delay: nothing goes out.
    clock.advanceTo(Date.parse('2026-03-09T08:00:00Z'));
    await harness.settle();
    expect((await deliveriesOf('INC-W3')).map((d) => d.status)).toEqual(['cancelled']);
    expect(smtp.mails.filter((mail) => mail.subject.includes('INC-W3'))).toEqual([]);
  });

  it('records a historical alert without paging anyone', async () => {
    await openP1('INC-H1');
    const old = harness.clockAlert('breach', 'INC-H1', 'sla-mail', 'p1-response');
    const historical = createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.breach', { ...(old.payload as ClockAlertPayload), historical: true }, { source: 'sla-evaluation' }) as ClockEnvelope;
    await harness.publishAlert(historical);
    await waitUntil('the trigger to be recorded', async () => (await harness.rows(`SELECT 1 FROM notifications.triggers WHERE event_id = $1`, [historical.id])).length === 1);
    await harness.settle();
    const [trigger] = await harness.rows<{ historical: boolean; matched_at: Date | null }>(`SELECT historical, matched_at FROM notifications.triggers WHERE event_id = $1`, [historical.id]);
    expect(trigger).toMatchObject({ historical: true, matched_at: expect.any(Date) });
    expect(await harness.rows(`SELECT 1 FROM notifications.pending_escalations WHERE trigger_event_id = $1`, [historical.id])).toEqual([]);
    expect(await deliveriesOf('INC-H1')).toEqual([]);
  });

  it('moves a restated warning to its new instant without telling anyone twice', async () => {
    await openP1('INC-R1');
    const warning = harness.clockAlert('warning', 'INC-R1', 'sla-mail', 'p1-response', 0.5);
    await harness.publishAlert(warning);
    await waitUntil('the warning e-mail', () => smtp.mails.some((mail) => mail.subject.includes('INC-R1')));
    const movedAt = new Date(Date.parse(warning.payload.at) + 10 * 60_000).toISOString();
    const restated = createEnvelope(SLA_CLOCKS_TOPIC, 'sla.clock.warning', { ...(warning.payload as ClockAlertPayload), at: movedAt, restated: true }, { source: 'sla-evaluation' }) as ClockEnvelope;
    await harness.publishAlert(restated);
    await waitUntil('the trigger to move', async () => {
      const [row] = await harness.rows<{ occurred_at: Date; restated_at: Date | null }>(`SELECT occurred_at, restated_at FROM notifications.triggers WHERE event_id = $1`, [warning.id]);
      return row.restated_at !== null && row.occurred_at.toISOString() === movedAt;
    });
    await harness.settle();
    expect(await harness.rows(`SELECT 1 FROM notifications.triggers WHERE event_id = $1`, [restated.id])).toEqual([]);
    expect(smtp.mails.filter((mail) => mail.subject.includes('INC-R1'))).toHaveLength(1);
  });
});

function withdrawalIdOf(rows: unknown[]): string {
  const [row] = rows as Array<{ id: string }>;
  return row.id;
}
