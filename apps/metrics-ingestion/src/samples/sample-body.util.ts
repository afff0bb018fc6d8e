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

/** The body as text; undefined when it is not UTF-8. */
export function decodeSampleBody(body: Buffer): string | undefined {
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

/**
 * How many samples the body holds, counted before it is parsed (JSON.parse makes several
 * times a body's size of objects, the more the smaller its values): the elements of a
 * top-level JSON array, or the non-blank lines of NDJSON. A body that is not an array counts
 * 0; one that is not JSON counts what it seems to hold, and parsing it says what is wrong.
 */
export function countSamples(text: string, format: BodyFormat): number {
  return format === 'json' ? countArrayElements(text) : countLines(text);
}

function countLines(text: string): number {
  let count = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (!isBlank(text, start, end)) count += 1;
    start = end + 1;
  }
  return count;
}

/** A line of spaces, tabs and a carriage return at most is skipped, as JSON's whitespace. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function countArrayElements(text: string): number {
  let at = 0;
  while (at < text.length && isSpace(text.charCodeAt(at))) at += 1;
  if (text.charCodeAt(at) !== 0x5b) return 0;
  let depth = 0;
  let commas = 0;
  let element = false;
  for (; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    if (c === 0x22) {
      // Most of a sample is text: jump to the string's end rather than walk it.
      if (depth === 1) element = true;
      let close = text.indexOf('"', at + 1);
      while (close !== -1 && escaped(text, close)) close = text.indexOf('"', close + 1);
      if (close === -1) break;
      at = close;
      continue;
    }
    if (c === 0x5b || c === 0x7b) depth += 1;
    else if (c === 0x5d || c === 0x7d) depth -= 1;
    if (depth === 0) break;
    if (depth === 1 && c === 0x2c) commas += 1;
    else if (!element && !isSpace(c) && !(depth === 1 && c === 0x5b)) element = true;
  }
  return element ? commas + 1 : 0;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The samples of a body: a JSON array, or one JSON value a line (NDJSON, blank lines
 * skipped). An array that is not JSON, or a body that is not an array, is refused as a
 * whole, saying where; an NDJSON line that is not JSON is a rejected sample of its own and
 * the other lines go on.
 */
export function parseSampleBody(text: string, format: BodyFormat): ParsedBody {
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
    if (isBlank(text, start, end)) {
      start = end + 1;
      continue;
    }
    const content = text.slice(start, end);
    start = end + 1;
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
