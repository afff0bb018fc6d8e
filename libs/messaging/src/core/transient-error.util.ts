/**
 * Whether a handler's failure says the infrastructure is away for now (the database restarting,
 * a connection dropped, a lock conflict) rather than that the event cannot be applied. Such a
 * failure is retried until the infrastructure is back: dead-lettering it would park every event
 * that arrives during a database restart, each then needing a replay by hand.
 */
export function isTransientError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (looksTransient(current as ErrorLike)) return true;
    const { cause, driverError, errors } = current as ErrorLike;
    // TypeORM keeps the driver's error as driverError; Node's fetch and pg keep theirs as cause.
    pending.push(cause, driverError, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** Node's socket and DNS failures. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs worth waiting out: serialization failure, deadlock, lock timeout, query
 * cancelled by a statement timeout or an administrator, shutdown and "cannot connect now".
 */
const POSTGRES_CODES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections, disk full). */
const POSTGRES_CLASSES = new Set(['08', '53']);

/** What pg says when a connection goes away mid-query or cannot be had from the pool. */
const CONNECTION_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection is not queryable/i, /the database system is (starting up|shutting down|in recovery mode)/i];

function looksTransient(error: ErrorLike): boolean {
  // kafkajs marks its retriable errors.
  if (error.retriable === true) return true;
  if (typeof error.code === 'string') {
    if (NETWORK_CODES.has(error.code) || POSTGRES_CODES.has(error.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(error.code) && POSTGRES_CLASSES.has(error.code.slice(0, 2))) return true;
  }
  return typeof error.message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message as string));
}
