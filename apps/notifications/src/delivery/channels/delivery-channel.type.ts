import type { ClaimedDelivery } from '../delivery.type';

/** One way of reaching people. `send` resolves when the recipient's side accepted the message. */
export interface DeliveryChannel {
  /**
   * @throws DeliveryFailedException when the attempt failed, telling whether a retry can help.
   */
  send(delivery: ClaimedDelivery, now: number): Promise<void>;
}
