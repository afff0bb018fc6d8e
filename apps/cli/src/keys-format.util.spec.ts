import { createdLines, keyLine, listSummary, type ApiKeyView } from './keys-format.util';

const key: ApiKeyView = {
  id: 'key-3f9a1c2b7d4e',
  name: 'office probes',
  prefix: 'upk_Ab3xYz',
  services: ['video-meetings', 'telephony'],
  regions: [],
  createdAt: '2026-03-02T09:00:00.000Z',
  revokedAt: null,
};

describe('keys output', () => {
  it('prints a key on one line, without the key itself', () => {
    expect(keyLine(key)).toBe('key-3f9a1c2b7d4e  upk_Ab3xYz…  active  created 2026-03-02T09:00:00.000Z  "office probes"  services video-meetings,telephony  regions all');
    expect(keyLine({ ...key, regions: ['eu-north'], revokedAt: '2026-03-03T10:00:00.000Z' })).toBe(
      'key-3f9a1c2b7d4e  upk_Ab3xYz…  revoked 2026-03-03T10:00:00.000Z  created 2026-03-02T09:00:00.000Z  "office probes"  services video-meetings,telephony  regions eu-north',
    );
  });

  it('prints a new key on a line of its own, once', () => {
    const lines = createdLines({ ...key, key: 'upk_secret' }).split('\n');
    expect(lines.slice(0, 2)).toEqual([keyLine(key), 'upk_secret']);
  });

  it('counts active and revoked keys', () => {
    expect(listSummary([key, { ...key, revokedAt: '2026-03-03T10:00:00.000Z' }])).toBe('2 keys: 1 active, 1 revoked');
    expect(listSummary([key])).toBe('1 key: 1 active, 0 revoked');
  });
});
