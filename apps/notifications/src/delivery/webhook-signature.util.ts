import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Underpin-Signature';
/** Unix seconds; part of the signed content, so a captured request cannot be replayed later. */
export const TIMESTAMP_HEADER = 'X-Underpin-Timestamp';
/** The delivery id: the same on every attempt, so a receiver can drop a repeat. */
export const DELIVERY_HEADER = 'X-Underpin-Delivery';
export const ATTEMPT_HEADER = 'X-Underpin-Attempt';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret>`. */
export function signWebhook(secret: string, timestamp: string, body: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

export interface VerifyOptions {
  /** Receiver's clock, epoch ms. */
  now: number;
  /** How far the timestamp may be from `now`; default 5 minutes. */
  toleranceSeconds?: number;
}

/**
 * What a receiver does: recomputes the signature over the raw bytes it got and compares in
 * constant time, and refuses timestamps too far from its clock.
 */
export function verifyWebhookSignature(secret: string, timestamp: string | undefined, body: string | Buffer, signature: string | undefined, options: VerifyOptions): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(options.now / 1000 - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
