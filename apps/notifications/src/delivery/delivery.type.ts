import type { NotificationChannel } from '@underpin/domain';
import type { RenderedMessage } from '../escalation/message.util';

/** A delivery as the escalation loop asks for it. */
export interface NewDelivery {
  policy: string;
  incident?: string;
  agreement?: string;
  triggerEventId: string;
  recipient: string;
  channel: NotificationChannel;
  address: string;
  calendar?: string;
  message: RenderedMessage;
  /** Not before this instant (the recipient's calendar may push it out). */
  sendAt: Date;
}

/** A delivery taken by a worker for one attempt. */
export interface ClaimedDelivery {
  id: string;
  policy: string;
  incident: string | null;
  recipient: string;
  channel: NotificationChannel;
  address: string;
  calendar: string | null;
  message: RenderedMessage;
  /** This attempt's number, from 1. */
  attempts: number;
}
