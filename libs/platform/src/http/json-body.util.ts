import type { NestExpressApplication } from '@nestjs/platform-express';

interface BodyParserError {
  status?: number;
  type?: string;
  length?: number;
  limit?: number;
}

interface JsonRequest {
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

interface ErrorResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): void };
}

/** What a client sent wrong, in words it can act on; undefined for errors that are not the body's. */
export function describeBodyError(error: BodyParserError, limitBytes: number): { status: number; message: string } | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return {
        status: 413,
        message: `request body of ${error.length ?? 'more than'} bytes is larger than this server accepts (${limitBytes} bytes; HTTP_BODY_LIMIT sets it)`,
      };
    case 'entity.parse.failed':
      return { status: 400, message: 'request body is not valid JSON' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'request body encoding is not supported; send UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, message: 'request body ended before its announced length' };
    default:
      return undefined;
  }
}

/**
 * Parses JSON bodies (any JSON value) up to `limitBytes` and answers a body that cannot be read (too large, not
 * JSON) with its status and a one-line reason, instead of a logged stack trace: it is the
 * caller's mistake, not the service's failure.
 */
export function useJsonBody(app: NestExpressApplication, limitBytes: number, streamedPaths: readonly string[] = []): void {
  // Not strict: `"hello"` or `42` is valid JSON, and only the handler knows which shape it
  // wanted; body-parser's strict mode would refuse them as "not valid JSON", which they are.
  app.useBodyParser('json', { limit: limitBytes, strict: false, type: (req: JsonRequest) => isJson(req) && !isStreamed(req.url, streamedPaths) });
  app.use((error: BodyParserError, _req: unknown, res: ErrorResponse, next: (error?: unknown) => void) => {
    const described = describeBodyError(error, limitBytes);
    if (described === undefined || res.headersSent) {
      next(error);
      return;
    }
    res.status(described.status).json({ statusCode: described.status, message: described.message });
  });
}

/** `application/json` with any parameters, as body-parser's default `type` matches it. */
function isJson(req: JsonRequest): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** Whether the request's path is one of `paths` or below one of them. */
function isStreamed(url: string | undefined, paths: readonly string[]): boolean {
  if (paths.length === 0 || url === undefined) return false;
  const path = url.split('?')[0];
  return paths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
