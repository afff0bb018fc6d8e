import { Logger } from '@nestjs/common';
import { formatGraphqlError } from '@underpin/platform';
import type { GraphQLFormattedError } from 'graphql';

/** Extensions that only ever describe the platform's inside (Apollo's, the gateway's, Nest's). */
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'response', 'http', 'originalError']);

/** A URL, localhost, an IP address (with its port), a bracketed IPv6 address, a stack frame. */
const INTERNALS = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*|\blocalhost(?::\d+)?\b|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\[[0-9a-f]*:[0-9a-f:]*\](?::\d+)?|\bat [^\n]*\.[cm]?[jt]s:\d+(?::\d+)?\)?/gi;

function leaks(value: unknown): boolean {
  INTERNALS.lastIndex = 0;
  return INTERNALS.test(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
}

/** The value with every string in it cleared of addresses and stack frames. */
function redact<T>(value: T): T {
  if (typeof value === 'string') return value.replace(INTERNALS, '…') as T;
  if (Array.isArray(value)) return value.map(redact) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)])) as T;
  return value;
}

/**
 * The gateway's last line of defence: whatever a subgraph or the gateway itself put in an
 * error, the caller gets its message and code, never an address, host or stack.
 * - An extension that mentions one is dropped.
 * - BAD_USER_INPUT describes the caller's own input and may echo it: an address in its
 *   message (and in `fields`, the same words per field) is the caller's, and is blanked
 *   out rather than the message lost.
 * - Any other message that mentions one is the platform's inside: it is replaced by
 *   "Internal server error" (and logged).
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const safe = formatGraphqlError(formatted, error);
  const userInput = safe.extensions?.['code'] === 'BAD_USER_INPUT';
  const extensions = Object.fromEntries(
    Object.entries(safe.extensions ?? {})
      .filter(([name]) => !INTERNAL_EXTENSIONS.has(name))
      .map(([name, value]) => [name, userInput && name === 'fields' ? redact(value) : value] as const)
      .filter(([, value]) => !leaks(value)),
  );
  if (userInput) return { ...safe, message: redact(safe.message), extensions };
  if (leaks(safe.message)) {
    new Logger('gateway').error(`${safe.path?.join('.') ?? 'request'}: ${safe.message}`);
    return { message: 'Internal server error', ...(safe.path && { path: safe.path }), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...safe, extensions };
}
