import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.util';

const SECRET = 'whsec-0123456789abcdef';
const NOW = Date.parse('2026-03-02T08:00:00Z');
const TIMESTAMP = String(NOW / 1000);
const BODY = '{"incident":"INC-1","event":"breach"}';

describe(signWebhook.name, () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret', () => {
    const expected = createHmac('sha256', SECRET).update(`${TIMESTAMP}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(`sha256=${expected}`);
    expect(signWebhook(SECRET, TIMESTAMP, Buffer.from(BODY))).toBe(`sha256=${expected}`);
  });
});

describe(verifyWebhookSignature.name, () => {
  const signature = signWebhook(SECRET, TIMESTAMP, BODY);

  it('accepts the signature of the bytes received', () => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, signature, { now: NOW + 1_000 })).toBe(true);
  });

  it.each([
    ['another secret', 'whsec-another-secret-0000', TIMESTAMP, BODY, signature],
    ['a changed body', SECRET, TIMESTAMP, BODY.replace('breach', 'warning'), signature],
    ['a changed timestamp', SECRET, String(NOW / 1000 + 1), BODY, signature],
    ['a truncated signature', SECRET, TIMESTAMP, BODY, signature.slice(0, -2)],
    ['no signature', SECRET, TIMESTAMP, BODY, undefined],
    ['no timestamp', SECRET, undefined, BODY, signature],
  ])('refuses %s', (_name, secret, timestamp, body, given) => {
    expect(verifyWebhookSignature(secret, timestamp, body, given, { now: NOW })).toBe(false);
  });

  it('refuses a request older than the tolerance, as a replay', () => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, signature, { now: NOW + 301_000 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, signature, { now: NOW + 301_000, toleranceSeconds: 600 })).toBe(true);
  });
});
