import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, generateApiKey, hashApiKey, newApiKeyId, presentedApiKey } from './api-key.util';

describe('API keys', () => {
  it('are 256 random bits behind a recognisable prefix, kept as their SHA-256', () => {
    const one = generateApiKey();
    const two = generateApiKey();
    expect(one.key).toMatch(/^upk_[A-Za-z0-9_-]{43}$/);
    expect(one.key).not.toBe(two.key);
    expect(one.prefix).toBe(one.key.slice(0, API_KEY_PREFIX.length + 6));
    expect(one.hash.equals(hashApiKey(one.key))).toBe(true);
    expect(one.hash.toString('hex')).toBe(createHash('sha256').update(one.key).digest('hex'));
    expect(newApiKeyId()).toMatch(/^key-[0-9a-f]{12}$/);
  });

  describe(presentedApiKey.name, () => {
    it.each([
      [{ authorization: 'Bearer upk_abc' }, 'upk_abc'],
      [{ authorization: 'bearer   upk_abc ' }, 'upk_abc'],
      [{ 'x-api-key': 'upk_abc' }, 'upk_abc'],
      [{ authorization: 'Bearer upk_abc', 'x-api-key': 'upk_abc' }, 'upk_abc'],
    ])('reads %j', (headers, key) => {
      expect(presentedApiKey(headers)).toEqual({ ok: true, key });
    });

    it.each([
      [{}, 'no API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"'],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'Authorization must be "Bearer <API key>"'],
      [{ authorization: 'Bearer one', 'x-api-key': 'two' }, 'Authorization and X-Api-Key name two different keys; send one'],
      [{ 'x-api-key': ' ' }, 'no API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"'],
    ])('refuses %j', (headers, message) => {
      expect(presentedApiKey(headers)).toEqual({ ok: false, message });
    });
  });
});
