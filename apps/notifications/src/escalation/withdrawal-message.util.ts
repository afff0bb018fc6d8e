import type { RenderedMessage } from './message.util';

const PREFIX = '[Underpin]';

/**
 * The correction of an alert that never happened, in the words of the message it corrects:
 * the same headline marked withdrawn, why, and that nothing need be done about it.
 */
export function withdrawalMessage(original: RenderedMessage, reason: string, sentAt: Date): RenderedMessage {
  const headline = original.subject.startsWith(`${PREFIX} `) ? original.subject.slice(PREFIX.length + 1) : original.subject;
  const subject = `${PREFIX} Withdrawn: ${headline}`;
  const text = [
    `Withdrawn: ${headline}`,
    '',
    `The alert sent to you at ${sentAt.toISOString()} is withdrawn: ${reason}.`,
    'Nothing needs to be done about it.',
  ].join('\n');
  const { id: corrects, ...rest } = original.payload as { id?: string } & Record<string, unknown>;
  const payload: Record<string, unknown> = { ...rest, event: 'withdrawn', withdrawnEvent: rest['event'], corrects: corrects ?? null, reason, subject, text };
  return { subject, text, payload };
}
