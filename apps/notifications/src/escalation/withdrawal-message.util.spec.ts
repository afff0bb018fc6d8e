import { withdrawalMessage } from './withdrawal-message.util';

describe(withdrawalMessage.name, () => {
  const original = {
    subject: '[Underpin] P1 breach: sla-acme-video/p1-response missed on INC-1',
    text: 'P1 breach: sla-acme-video/p1-response missed on INC-1\n\n…',
    payload: { id: 'd-1', event: 'breach', incident: 'INC-1', agreement: 'sla-acme-video', objective: 'p1-response', threshold: 1, subject: 'x', text: 'y' },
  };

  it('says which alert is withdrawn, why, and that nothing needs doing', () => {
    const message = withdrawalMessage(original, 'acknowledged at 2026-03-03T08:05:00Z arrived after it was sent', new Date('2026-03-03T09:00:00Z'));
    expect(message.subject).toBe('[Underpin] Withdrawn: P1 breach: sla-acme-video/p1-response missed on INC-1');
    expect(message.text).toBe(
      [
        'Withdrawn: P1 breach: sla-acme-video/p1-response missed on INC-1',
        '',
        'The alert sent to you at 2026-03-03T09:00:00.000Z is withdrawn: acknowledged at 2026-03-03T08:05:00Z arrived after it was sent.',
        'Nothing needs to be done about it.',
      ].join('\n'),
    );
    expect(message.payload).toMatchObject({ event: 'withdrawn', withdrawnEvent: 'breach', corrects: 'd-1', incident: 'INC-1', objective: 'p1-response', reason: expect.stringContaining('acknowledged') });
    expect(message.payload).not.toHaveProperty('id');
  });
});
