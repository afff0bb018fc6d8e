import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import { currentTraceId } from '@underpin/messaging';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

/** Nest's levels for a LOG_LEVEL: that level and every more severe one. */
export function nestLogLevels(level: 'error' | 'warn' | 'log' | 'debug'): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

/**
 * Nest's console logger, with the trace id of the request or event being handled at the end
 * of each line (`trace=<32 hex>`), or as `traceId` in JSON lines: one grep follows an
 * operation through every service, exporter or not.
 */
export class TraceLoggerService extends ConsoleLogger {
  protected override formatMessage(logLevel: LogLevel, message: unknown, pidMessage: string, formattedLogLevel: string, contextMessage: string, timestampDiff: string): string {
    const line = super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff);
    const traceId = currentTraceId();
    return traceId === undefined ? line : `${line.replace(/\n$/, '')} trace=${traceId}\n`;
  }

  protected override getJsonLogObject(message: unknown, options: { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown }) {
    const object = super.getJsonLogObject(message, options);
    const traceId = currentTraceId();
    return traceId === undefined ? object : { ...object, traceId };
  }
}

let processLogger: TraceLoggerService | undefined;

/**
 * Makes the TraceLoggerService the process's Nest logger: every `new Logger(context)` and
 * Nest itself write through it, and the levels given to NestFactory afterwards are set on it.
 * Hosts call it before each Nest application they create; one instance serves them all.
 */
export function installTraceLogger(): TraceLoggerService {
  processLogger ??= new TraceLoggerService();
  Logger.overrideLogger(processLogger);
  return processLogger;
}
