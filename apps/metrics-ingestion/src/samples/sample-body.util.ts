import type { IngestErrorDto, SampleRejectionDto } from './dto/ingest-response.dto';
import { locateJsonError } from './json-error-position.util';
import type { BodyFormat } from './request-body.util';

/** One sample of the body as JSON read it, not checked yet. */
export interface BodyItem {
  index: number;
  /** NDJSON only. */
  line?: number;
  value: unknown;
}

export type ParsedBody = { ok: true; items: BodyItem[]; unreadable: SampleRejectionDto[] } | { ok: false; error: IngestErrorDto };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The samples of a body: a JSON array, or one JSON value a line (NDJSON, blank lines
 * skipped). An array that is not JSON, or a body that is not an array, is refused as a
 * whole, saying where; an NDJSON line that is not JSON is a rejected sample of its own and
 * the other lines go on.
 */
export function parseSampleBody(body: Buffer, format: BodyFormat): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return malformed('the body is not UTF-8 text');
  }
  return format === 'json' ? parseArray(text) : parseLines(text);
}

function parseArray(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    const at = where.index === undefined ? '' : ` (in the sample at index ${where.index})`;
    return { ok: false, error: { error: 'malformed-body', message: `the body is not JSON: line ${where.line}, column ${where.column}${at}: ${where.message}`, line: where.line, column: where.column, ...(where.index !== undefined ? { index: where.index } : {}) } };
  }
  if (!Array.isArray(value)) {
    return malformed(`expected a JSON array of samples, got ${describe(value)}; wrap one sample in [ ], or send one sample a line as application/x-ndjson`);
  }
  return { ok: true, items: value.map((item, index) => ({ index, value: item })), unreadable: [] };
}

function parseLines(text: string): ParsedBody {
  const items: BodyItem[] = [];
  const unreadable: SampleRejectionDto[] = [];
  let index = 0;
  let start = 0;
  for (let line = 1; start <= text.length; line += 1) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const content = text.slice(start, end);
    start = end + 1;
    if (content.trim() === '') continue;
    try {
      items.push({ index, line, value: JSON.parse(content) });
    } catch {
      const where = locateJsonError(content);
      unreadable.push({ index, line, path: '', code: 'not-json', reason: `not JSON at column ${where.column}: ${where.message}` });
    }
    index += 1;
  }
  return { ok: true, items, unreadable };
}

function malformed(message: string): ParsedBody {
  return { ok: false, error: { error: 'malformed-body', message } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `${typeof value} ${String(value)}`;
}
