export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** One line per event handled; given only by loggers that may print it. */
  debug?(message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stderr: what an operator must see (info is rare: the end of a broker outage). */
export const stderrLogger: MessagingLogger = {
  info: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', scope: 'messaging', message, ...fields })}\n`),
  warn: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'warn', scope: 'messaging', message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', scope: 'messaging', message, ...fields })}\n`),
};

export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
