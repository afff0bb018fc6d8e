import type { AdminTarget } from './keys-args.util';
import { UsageException } from './usage.exception';

const TIMEOUT_MS = 30_000;

/**
 * One call to the metrics-ingestion admin API: the answer's JSON, or an error in the words
 * of the service. The service refusing the input (400, 404) is the command line's mistake
 * (exit 2); a refused token, an unreachable service or any other failure is exit 1.
 */
export async function callIngestionAdmin<T>(target: AdminTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${target.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = await res.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`${target.url}${path} answered ${res.status} with something other than JSON; is --url the metrics-ingestion service?`);
  }
  if (res.ok) return answer as T;
  const refusal = answer as { message?: string; problems?: Array<{ path: string; message: string }> };
  const detail = refusal.problems?.map((p) => `${p.path}: ${p.message}`).join('; ') ?? refusal.message ?? text;
  if (res.status === 400 || res.status === 404) throw new UsageException(detail, 'keys');
  throw new Error(`${target.url} answered ${res.status}: ${detail}`);
}
