import { Logger } from '@nestjs/common';
import { formatGraphqlError } from '@underpin/platform';
import type { GraphQLFormattedError } from 'graphql';

/** Extensions that only ever describe the platform's inside (Apollo's, the gateway's, Nest's). */
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'response', 'http', 'originalError']);

/** A URL, a loopback or IP address, a bracketed IPv6 address, or a stack frame. */
const INTERNALS = /[a-z][a-z0-9+.-]*:\/\/|\blocalhost\b|\b\d{1,3}(?:\.\d{1,3}){3}\b|\[[0-9a-f]*:[0-9a-f:]*\]|\bat .*\.[cm]?[jt]s:\d+/i;

function leaks(value: unknown): boolean {
  return INTERNALS.test(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
}

/**
 * The gateway's last line of defence: whatever a subgraph or the gateway itself put in an
 * error, the caller gets its message and code, never an address, host or stack. An
 * extension that carries one is dropped; a message that does is replaced (and logged).
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const safe = formatGraphqlError(formatted, error);
  const extensions = Object.fromEntries(Object.entries(safe.extensions ?? {}).filter(([name, value]) => !INTERNAL_EXTENSIONS.has(name) && !leaks(value)));
  if (leaks(safe.message)) {
    new Logger('gateway').error(`${safe.path?.join('.') ?? 'request'}: ${safe.message}`);
    return { message: 'Internal server error', ...(safe.path && { path: safe.path }), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...safe, extensions };
}
