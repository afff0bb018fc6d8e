import { currentTraceId } from './trace.util';

export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** One line per event handled; given only by loggers that may print it. */
  debug?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines on stderr: what an operator must see (info is rare: the end of a broker outage),
 * each with the trace id of the request or event it was written for.
 */
function stderrLine(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
  const traceId = currentTraceId();
  process.stderr.write(`${JSON.stringify({ level, scope: 'messaging', message, ...fields, ...(traceId ? { traceId } : {}) })}\n`);
}

export const stderrLogger: MessagingLogger = {
  info: (message, fields) => stderrLine('info', message, fields),
  warn: (message, fields) => stderrLine('warn', message, fields),
  error: (message, fields) => stderrLine('error', message, fields),
};

export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
