import type { NestExpressApplication } from '@nestjs/platform-express';
import { currentTraceparent } from '@underpin/messaging';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Answers every request with its trace context in a `traceresponse` header (W3C Trace Context
 * Level 2): a client that does not trace learns the trace id that the request's log lines and
 * the records it caused carry. Registered first, so that it also answers a refused body.
 */
export function useTraceResponse(app: NestExpressApplication): void {
  app.use((_req: unknown, res: HeaderResponse, next: () => void) => {
    const traceparent = currentTraceparent();
    if (traceparent !== undefined) res.setHeader('traceresponse', traceparent);
    next();
  });
}
