import { createHash, timingSafeEqual } from 'node:crypto';

interface AdminRequest {
  headers: Record<string, string | string[] | undefined>;
}

interface AdminResponse {
  status(code: number): AdminResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

export type AdminVerdict = { ok: true } | { ok: false; status: 401 | 403; body: { error: string; message: string } };

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a request may use the admin API: it must carry `Authorization: Bearer
 * <INGESTION_ADMIN_TOKEN>`. Without a token configured (possible on the in-process bus only)
 * the admin API refuses everyone. Compared as digests in constant time.
 */
export function adminVerdict(token: string | undefined, authorization: string | undefined): AdminVerdict {
  if (token === undefined) {
    return { ok: false, status: 403, body: { error: 'admin-disabled', message: 'the key admin API is off: INGESTION_ADMIN_TOKEN is not set' } };
  }
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? '')?.[1];
  if (presented === undefined) return { ok: false, status: 401, body: { error: 'unauthorized', message: 'send "Authorization: Bearer <INGESTION_ADMIN_TOKEN>"' } };
  if (!timingSafeEqual(digest(presented), digest(token))) return { ok: false, status: 401, body: { error: 'unauthorized', message: 'wrong admin token' } };
  return { ok: true };
}

/** Express middleware guarding every route of the admin API. */
export function adminTokenMiddleware(token: string | undefined): (req: AdminRequest, res: AdminResponse, next: () => void) => void {
  return (req, res, next) => {
    const header = req.headers['authorization'];
    const verdict = adminVerdict(token, Array.isArray(header) ? header[0] : header);
    if (verdict.ok) return next();
    if (verdict.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="underpin-ingestion-admin"');
    res.status(verdict.status).json(verdict.body);
  };
}
