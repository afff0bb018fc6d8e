import { describeOnEachBus, waitUntil } from '@underpin/testing';
import { NotificationsHarness, TestClock } from './notifications-harness.util';
import { startSmtpSink, type SmtpSink } from './smtp-sink.util';
import { SECRETS, testCatalog } from './test-catalog.util';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.util';

jest.setTimeout(30_000);

const MINUTE = 60_000;

/** Friday 6 March 2026, 15:00 in Stockholm: an hour before office-se closes for the weekend. */
const FRIDAY_AFTERNOON = Date.parse('2026-03-06T14:00:00Z');

describeOnEachBus('notifications: durable escalation timers', ({ name: bus }) => {
  const clock = new TestClock(FRIDAY_AFTERNOON);
  let smtp: SmtpSink;
  let hooks: WebhookReceiver;
  let harness: NotificationsHarness;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookReceiver(clock.now);
    hooks.route('/oncall', SECRETS.oncall, [204]);
    harness = await NotificationsHarness.start('notifications_timers', clock, { smtp: { url: smtp.url, from: 'underpin@example.com' } }, bus);
    await harness.publishCatalog(testCatalog(hooks.url));
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    await hooks?.close();
    await smtp?.close();
  });

  const mailsAbout = (incident: string) => smtp.mails.filter((mail) => mail.subject.includes(`${incident} `) || mail.subject.endsWith(incident));
  const hooksAbout = (incident: string) => hooks.received.filter((hook) => JSON.parse(hook.body).incident === incident);
  const pendingOf = (incident: string) =>
    harness.rows<{ policy: string; status: string; outcome: string | null; due_at: Date }>(
      `SELECT policy, status, outcome, due_at FROM notifications.pending_escalations WHERE incident = $1 ORDER BY id`,
      [incident],
    );

  /** Opens an incident at `at` (default: now on the test clock, which keeps running). */
  function open(incident: string, impact: 'high' | 'medium', urgency: 'high' | 'medium', at = clock.now()): Promise<void> {
    return harness.publishIncident(
      harness.incidentEvent('incident.opened', { incident, service: 'video-meetings', customer: 'acme', impact, urgency, assignee: 'service-desk', title: `${incident} trouble`, at: new Date(at).toISOString() }),
    );
  }

  it('cancels the escalation of a P1 acknowledged in time, and never arms one for a P3', async () => {
    const openedAt = clock.now();
    await open('INC-11', 'high', 'high', openedAt);
    await open('INC-13', 'medium', 'medium');
    await waitUntil('the P1 timer to be armed', async () => (await pendingOf('INC-11')).length === 1);
    const [armed] = await pendingOf('INC-11');
    expect(armed).toMatchObject({ policy: 'p1-unacknowledged', status: 'pending' });
    expect(armed!.due_at.getTime()).toBe(openedAt + 30 * MINUTE);

    clock.advance(10 * MINUTE);
    await harness.publishIncident(harness.incidentEvent('incident.acknowledged', { incident: 'INC-11' }));
    clock.advance(25 * MINUTE);
    await harness.settle();

    expect(await pendingOf('INC-11')).toMatchObject([{ policy: 'p1-unacknowledged', status: 'cancelled', outcome: 'incident acknowledged' }]);
    expect(await pendingOf('INC-13')).toEqual([]);
    expect([...mailsAbout('INC-11'), ...mailsAbout('INC-13')]).toEqual([]);
  });

  it('escalates a P1 nobody acknowledged within 30 minutes, even after office hours', async () => {
    await open('INC-10', 'high', 'high');
    clock.advance(29 * MINUTE);
    await harness.settle();
    expect(mailsAbout('INC-10')).toEqual([]);
    expect(hooksAbout('INC-10')).toEqual([]);

    // 16:06 in Stockholm: the on-call manager's office calendar is closed, but this policy ignores it.
    clock.advance(2 * MINUTE);
    await waitUntil('the escalation e-mail and webhook', () => mailsAbout('INC-10').length === 1 && hooksAbout('INC-10').length === 1);
    const [mail] = mailsAbout('INC-10');
    expect(mail!.to).toEqual(['oncall@example.com']);
    expect(mail!.subject).toBe('[Underpin] P1 INC-10 not acknowledged after 30 m');
    expect(mail!.text).toContain('Held by: service-desk');
    const [hook] = hooksAbout('INC-10');
    expect(hook!.signatureValid).toBe(true);
    expect(JSON.parse(hook!.body)).toMatchObject({ event: 'not-acknowledged', policy: 'p1-unacknowledged', incident: 'INC-10', priority: 'P1', status: 'open' });
    expect(await pendingOf('INC-10')).toMatchObject([{ status: 'fired', outcome: '2 deliveries' }]);
  });

  it('escalates an incident raised to P1 before anyone acknowledged it, counting from its opening', async () => {
    await open('INC-14', 'medium', 'medium');
    clock.advance(5 * MINUTE);
    await harness.publishIncident(harness.incidentEvent('incident.reprioritized', { incident: 'INC-14', impact: 'high', urgency: 'high' }));
    clock.advance(26 * MINUTE);
    await waitUntil('the escalation of the reprioritized incident', () => mailsAbout('INC-14').length === 1);
    expect(mailsAbout('INC-14')[0]!.subject).toBe('[Underpin] P1 INC-14 not acknowledged after 30 m');
  });

  it('keeps its timers across a restart', async () => {
    await open('INC-12', 'high', 'high');
    await waitUntil('the timer to be armed', async () => (await pendingOf('INC-12')).length === 1);
    await harness.stopService();
    clock.advance(31 * MINUTE);
    expect(mailsAbout('INC-12')).toEqual([]);

    await harness.boot();
    await waitUntil('the escalation after the restart', () => mailsAbout('INC-12').length === 1);
    expect(mailsAbout('INC-12')[0]!.subject).toBe('[Underpin] P1 INC-12 not acknowledged after 30 m');
  });

  it("holds a notification until the recipient's calendar opens", async () => {
    // Friday about 16:45 in Stockholm: office-se has closed for the weekend.
    await harness.publishAlert(harness.clockAlert('breach', 'INC-12', 'sla-office', 'p1-resolution'));
    await waitUntil('the delivery to be planned', async () => (await harness.rows(`SELECT 1 FROM notifications.deliveries WHERE policy = 'breach-in-office-hours'`)).length === 1);
    const [planned] = await harness.rows<{ next_attempt_at: Date; status: string }>(
      `SELECT next_attempt_at, status FROM notifications.deliveries WHERE policy = 'breach-in-office-hours'`,
    );
    const mondayMorning = Date.parse('2026-03-09T07:00:00Z');
    expect(planned).toEqual({ next_attempt_at: new Date(mondayMorning), status: 'pending' });
    await harness.settle();
    expect(smtp.mails.filter((mail) => mail.to.includes('office-slm@example.com'))).toEqual([]);

    clock.advanceTo(mondayMorning + 1_000);
    await waitUntil('the e-mail on Monday morning', () => smtp.mails.some((mail) => mail.to.includes('office-slm@example.com')));
    expect(smtp.mails.find((mail) => mail.to.includes('office-slm@example.com'))!.subject).toBe('[Underpin] P1 breach: sla-office/p1-resolution missed on INC-12');
  });
});
