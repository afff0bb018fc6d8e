import { adminVerdict } from './admin-token.util';

const TOKEN = 't'.repeat(40);

describe(adminVerdict.name, () => {
  it('lets in the configured bearer token only', () => {
    expect(adminVerdict(TOKEN, `Bearer ${TOKEN}`)).toEqual({ ok: true });
    expect(adminVerdict(TOKEN, `Bearer ${TOKEN}x`)).toEqual({ ok: false, status: 401, body: { error: 'unauthorized', message: 'wrong admin token' } });
    expect(adminVerdict(TOKEN, undefined)).toEqual({ ok: false, status: 401, body: { error: 'unauthorized', message: 'send "Authorization: Bearer <INGESTION_ADMIN_TOKEN>"' } });
    expect(adminVerdict(TOKEN, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses everyone when no token is configured, whatever they send', () => {
    expect(adminVerdict(undefined, `Bearer ${TOKEN}`)).toEqual({
      ok: false,
      status: 403,
      body: { error: 'admin-disabled', message: 'the key admin API is off: INGESTION_ADMIN_TOKEN is not set' },
    });
  });
});
