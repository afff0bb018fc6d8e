import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnEachBus, waitUntil } from '@underpin/testing';
import { NotificationsHarness, TestClock } from './notifications-harness.util';
import { startSmtpSink, type SmtpSink } from './smtp-sink.util';
import { SECRETS, testCatalog } from './test-catalog.util';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.util';

interface DeliveryRow {
  id: string;
  policy: string;
  recipient: string;
  channel: string;
  status: string;
  attempts: number;
}

jest.setTimeout(30_000);

describeOnEachBus('notifications: escalations delivered by e-mail and signed webhooks', ({ name: bus }) => {
  const clock = new TestClock(Date.parse('2026-03-02T09:00:00Z'));
  let smtp: SmtpSink;
  let hooks: WebhookReceiver;
  let harness: NotificationsHarness;
  let secretsDir: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookReceiver(clock.now);
    secretsDir = await mkdtemp(join(tmpdir(), 'underpin-secrets-'));
    // As an orchestrator mounts it: the key and a trailing newline.
    await writeFile(join(secretsDir, 'file-hook'), `${SECRETS.file}\n`);
    harness = await NotificationsHarness.start('notifications_delivery', clock, { smtp: { url: smtp.url, from: 'Underpin <underpin@example.com>' } }, bus);
    await harness.publishCatalog(testCatalog(hooks.url, join(secretsDir, 'file-hook')));
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    await hooks?.close();
    await smtp?.close();
    if (secretsDir) await rm(secretsDir, { recursive: true, force: true });
  });

  const deliveriesOf = (incident: string) =>
    harness.rows<DeliveryRow>(`SELECT id::text AS id, policy, recipient, channel, status, attempts FROM notifications.deliveries WHERE incident = $1 ORDER BY created_at`, [incident]);

  async function openP1(incident: string, title: string): Promise<void> {
    await harness.publishIncident(
      harness.incidentEvent('incident.opened', { incident, service: 'video-meetings', customer: 'acme', region: 'eu-north', impact: 'high', urgency: 'high', assignee: 'service-desk', title }),
    );
  }

  it('e-mails the service level manager about a breach, through a real SMTP server', async () => {
    await openP1('INC-1', 'Nobody in Stockholm can join meetings');
    await harness.publishAlert(harness.clockAlert('breach', 'INC-1', 'sla-mail', 'p1-resolution'));

    await waitUntil('the breach e-mail', () => smtp.mails.some((mail) => mail.to.includes('slm@example.com')));
    const mail = smtp.mails.find((m) => m.to.includes('slm@example.com'))!;
    expect(mail.from).toBe('underpin@example.com');
    expect(mail.subject).toBe('[Underpin] P1 breach: sla-mail/p1-resolution missed on INC-1');
    expect(mail.text).toContain('Incident: INC-1 - Nobody in Stockholm can join meetings');
    expect(mail.text).toContain('Service: video-meetings (eu-north), customer acme');
    expect(mail.text).toContain('Held by: service-desk');
    expect(mail.text).toContain('Objective: p1-resolution (resolution_time, target 4 h)');
    expect(mail.text).toContain('Escalation policy: breach-to-slm');

    await waitUntil('the delivery to be recorded as delivered', async () => (await deliveriesOf('INC-1'))[0]?.status === 'delivered');
    const [delivery] = await deliveriesOf('INC-1');
    expect(delivery).toMatchObject({ policy: 'breach-to-slm', recipient: 'service-level-manager', channel: 'email', attempts: 1 });
    expect(mail.headers['x-underpin-delivery']).toBe(delivery!.id);
    await waitUntil('notification.delivered on the bus', () => harness.deliveryEvents.some((e) => e.payload.notification === delivery!.id));
    expect(harness.deliveryEvents.find((e) => e.payload.notification === delivery!.id)).toMatchObject({
      type: 'notification.delivered',
      payload: { channel: 'email', recipient: 'service-level-manager', attempt: 1, subject: mail.subject },
    });
  });

  it('tells the team holding the incident when 75 % of a target is used, but not at 50 %', async () => {
    await openP1('INC-2', 'Echo in room systems');
    await harness.publishAlert(harness.clockAlert('warning', 'INC-2', 'sla-mail', 'p1-resolution', 0.5));
    await harness.publishAlert(harness.clockAlert('warning', 'INC-2', 'sla-mail', 'p1-resolution', 0.75));

    await waitUntil('the warning e-mail to the service desk', () => smtp.mails.some((mail) => mail.to.includes('desk@example.com')));
    await harness.settle();
    const toDesk = smtp.mails.filter((mail) => mail.to.includes('desk@example.com'));
    expect(toDesk.map((mail) => mail.subject)).toEqual(['[Underpin] P1 warning: 75% of sla-mail/p1-resolution used on INC-2']);
  });

  it('sends nothing twice when a breach event is delivered again', async () => {
    await openP1('INC-3', 'Recordings unavailable');
    const breach = harness.clockAlert('breach', 'INC-3', 'sla-mail', 'p1-resolution');
    await harness.publishAlert(breach);
    await waitUntil('the first e-mail', () => smtp.mails.some((mail) => mail.subject.endsWith('on INC-3')));

    await harness.publishAlert(breach);
    // Even with the consumer's memory of the event gone, the trigger and the delivery key hold.
    await harness.rows(`DELETE FROM notifications.processed_events WHERE event_id = $1`, [breach.id]);
    await harness.publishAlert(breach);
    await harness.settle();

    expect(smtp.mails.filter((mail) => mail.subject.endsWith('on INC-3'))).toHaveLength(1);
    expect(await deliveriesOf('INC-3')).toHaveLength(1);
  });

  it('retries a webhook with backoff until it succeeds, signing every attempt', async () => {
    hooks.route('/flaky', SECRETS.flaky, [500, 502, 204]);
    await openP1('INC-4', 'Chat messages delayed');
    await harness.publishAlert(harness.clockAlert('breach', 'INC-4', 'sla-hook', 'p1-resolution'));

    await waitUntil('the delivery to succeed', async () => (await deliveriesOf('INC-4'))[0]?.status === 'delivered');
    const calls = hooks.received.filter((hook) => hook.path === '/flaky');
    expect(calls.map((call) => [call.status, call.signatureValid, call.headers['x-underpin-attempt']])).toEqual([
      [500, true, '1'],
      [502, true, '2'],
      [204, true, '3'],
    ]);
    const [delivery] = await deliveriesOf('INC-4');
    expect(new Set(calls.map((call) => call.headers['x-underpin-delivery']))).toEqual(new Set([delivery!.id]));
    expect(calls[2]!.headers['content-type']).toBe('application/json');
    expect(calls[2]!.headers['x-underpin-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(calls[2]!.body)).toMatchObject({
      id: delivery!.id,
      event: 'breach',
      policy: 'breach-to-flaky',
      incident: 'INC-4',
      priority: 'P1',
      agreement: 'sla-hook',
      objective: 'p1-resolution',
      subject: '[Underpin] P1 breach: sla-hook/p1-resolution missed on INC-4',
    });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('gives up on a webhook that keeps failing: a dead letter and notification.failed', async () => {
    hooks.route('/dead', SECRETS.dead, [503]);
    await openP1('INC-5', 'Dial-in numbers down');
    await harness.publishAlert(harness.clockAlert('breach', 'INC-5', 'sla-dead', 'p1-resolution'));

    await waitUntil('the delivery to be dead', async () => (await deliveriesOf('INC-5'))[0]?.status === 'dead');
    const [delivery] = await deliveriesOf('INC-5');
    expect(delivery).toMatchObject({ policy: 'breach-to-dead', recipient: 'dead-hook', channel: 'webhook', attempts: 3 });
    expect(hooks.received.filter((hook) => hook.path === '/dead').map((hook) => hook.status)).toEqual([503, 503, 503]);
    const letters = await harness.rows<{ delivery_id: string; attempts: number; last_error: string; address: string }>(
      `SELECT delivery_id::text AS delivery_id, attempts, last_error, address FROM notifications.dead_letters WHERE incident = 'INC-5'`,
    );
    expect(letters).toEqual([{ delivery_id: delivery!.id, attempts: 3, last_error: `POST ${hooks.url}/dead answered HTTP 503`, address: `${hooks.url}/dead` }]);
    await waitUntil('notification.failed on the bus', () => harness.deliveryEvents.some((e) => e.type === 'notification.failed' && e.payload.notification === delivery!.id));
    expect(harness.deliveryEvents.filter((e) => e.payload.notification === delivery!.id).map((e) => [e.type, e.payload.attempt, e.payload.error])).toEqual([
      ['notification.failed', 3, `POST ${hooks.url}/dead answered HTTP 503`],
    ]);
  });

  it('signs with a key read from a mounted file', async () => {
    hooks.route('/file', SECRETS.file, [204]);
    await openP1('INC-6', 'Screen sharing freezes');
    await harness.publishAlert(harness.clockAlert('breach', 'INC-6', 'sla-file', 'p1-resolution'));

    await waitUntil('the delivery to succeed', async () => (await deliveriesOf('INC-6'))[0]?.status === 'delivered');
    expect(hooks.received.filter((hook) => hook.path === '/file').map((hook) => [hook.status, hook.signatureValid])).toEqual([[204, true]]);
  });

  it('sends nothing unsigned: a key variable that is not set ends in a dead letter naming it', async () => {
    hooks.route('/unsigned', 'any-secret-0123456789', [204]);
    await openP1('INC-7', 'Calendar add-in fails');
    await harness.publishAlert(harness.clockAlert('breach', 'INC-7', 'sla-unsigned', 'p1-resolution'));

    await waitUntil('the delivery to be dead', async () => (await deliveriesOf('INC-7'))[0]?.status === 'dead');
    expect(await deliveriesOf('INC-7')).toMatchObject([{ recipient: 'unsigned-hook', attempts: 3 }]);
    expect(hooks.received.filter((hook) => hook.path === '/unsigned')).toEqual([]);
    const letters = await harness.rows<{ last_error: string }>(`SELECT last_error FROM notifications.dead_letters WHERE incident = 'INC-7'`);
    expect(letters).toEqual([{ last_error: 'webhook of contact unsigned-hook not signed: variable HOOK_SECRET_NEVER_SET is not set on the notifications service' }]);
  });

  it('retries an e-mail the SMTP server turned away for now', async () => {
    smtp.rejectNext(1);
    await harness.publishExitTrigger('sla-mail', 'three-bad-months');
    await waitUntil('the exit-trigger e-mail', () => smtp.mails.some((mail) => mail.to.includes('execs@example.com')));
    // The server has the mail a moment before the worker records the delivery.
    const exitDelivery = () => harness.rows<{ status: string; attempts: number }>(`SELECT status, attempts FROM notifications.deliveries WHERE policy = 'exit-to-execs'`);
    await waitUntil('the delivery to be recorded as delivered', async () => (await exitDelivery())[0]?.status === 'delivered');
    expect(await exitDelivery()).toEqual([{ status: 'delivered', attempts: 2 }]);
    expect(smtp.mails.find((mail) => mail.to.includes('execs@example.com'))?.subject).toBe('[Underpin] Exit trigger three-bad-months fired on sla-mail');
  });
});
