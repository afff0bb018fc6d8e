import { createHash, randomBytes } from 'node:crypto';

/** Every key begins so, which lets secret scanners and people tell one at a glance. */
export const API_KEY_PREFIX = 'upk_';
/** Random bytes in a key: 256 bits, so a single SHA-256 is storage enough (no guessing, no rainbow table). */
const KEY_BYTES = 32;
/** What the admin API shows of a key after its creation, to recognise it. */
const SHOWN_CHARACTERS = API_KEY_PREFIX.length + 6;

export interface NewApiKey {
  /** The key itself, shown once and stored nowhere. */
  key: string;
  /** SHA-256 of the key: what the database keeps and looks keys up by. */
  hash: Buffer;
  /** The beginning of the key, kept to recognise it in a listing. */
  prefix: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, SHOWN_CHARACTERS) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `key-` and 12 hex digits: an id of the platform's pattern, safe in a URL and a log line. */
export function newApiKeyId(): string {
  return `key-${randomBytes(6).toString('hex')}`;
}

type Headers = Record<string, string | string[] | undefined>;

export type PresentedKey = { ok: true; key: string } | { ok: false; message: string };

/**
 * The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. Both
 * given, they must be the same key; anything else is refused with what was wrong.
 */
export function presentedApiKey(headers: Headers): PresentedKey {
  const authorization = single(headers['authorization']);
  const header = single(headers['x-api-key'])?.trim();
  let bearer: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) return { ok: false, message: 'Authorization must be "Bearer <API key>"' };
    bearer = match[1];
  }
  if (bearer !== undefined && header !== undefined && bearer !== header) {
    return { ok: false, message: 'Authorization and X-Api-Key name two different keys; send one' };
  }
  const key = bearer ?? header;
  if (key === undefined || key === '') return { ok: false, message: 'no API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"' };
  return { ok: true, key };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
