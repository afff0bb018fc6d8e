import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

export type BodyFormat = 'json' | 'ndjson';
export type BodyEncoding = 'identity' | 'gzip' | 'deflate';

/** Why a body was not read, as the answer's status and words. */
export interface BodyRefusal {
  status: 400 | 413 | 415 | 429;
  error: string;
  message: string;
}

export type BodyReadResult = { ok: true; body: Buffer } | ({ ok: false } & BodyRefusal);

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']);
const CONTENT_TYPES = 'application/json (one JSON array of samples) or application/x-ndjson (one sample a line)';

/** The body's format from Content-Type, or why it cannot be taken. */
export function bodyFormat(headers: IncomingHttpHeaders): { ok: true; format: BodyFormat } | ({ ok: false } & BodyRefusal) {
  const header = headers['content-type'];
  const [type, ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return { ok: false, status: 415, error: 'unsupported-media-type', message: `charset ${charset} is not taken; send UTF-8` };
  }
  if (type === 'application/json') return { ok: true, format: 'json' };
  if (NDJSON_TYPES.has(type)) return { ok: true, format: 'ndjson' };
  const got = header === undefined ? 'no Content-Type' : `Content-Type ${header}`;
  return { ok: false, status: 415, error: 'unsupported-media-type', message: `expected ${CONTENT_TYPES}, got ${got}` };
}

/** The body's compression from Content-Encoding, or why it cannot be taken. */
export function bodyEncoding(headers: IncomingHttpHeaders): { ok: true; encoding: BodyEncoding } | ({ ok: false } & BodyRefusal) {
  const header = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (header === '' || header === 'identity') return { ok: true, encoding: 'identity' };
  if (header === 'gzip' || header === 'x-gzip') return { ok: true, encoding: 'gzip' };
  if (header === 'deflate') return { ok: true, encoding: 'deflate' };
  return { ok: false, status: 415, error: 'unsupported-media-type', message: `Content-Encoding ${header} is not taken; send gzip, deflate or none` };
}

export interface ReadBodyOptions {
  encoding: BodyEncoding;
  /** Largest body once decompressed (and as received). */
  limitBytes: number;
  /** Takes bytes from the admission as they arrive; false refuses them (429). */
  takeBytes(amount: number): boolean;
}

/**
 * Reads a request's body, decompressing it as it arrives, within the limit and the
 * admission's share: bytes are counted before they are kept, so a body too large or too
 * much at once is refused having held at most one chunk more than allowed. On a refusal the
 * rest of the body is read and thrown away, so the client can read the answer.
 */
export function readRequestBody(req: Readable & { headers: IncomingHttpHeaders }, options: ReadBodyOptions): Promise<BodyReadResult> {
  const { limitBytes } = options;
  const announced = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (announced !== undefined && announced > limitBytes) {
    return Promise.resolve(tooLarge(`request body of ${announced} bytes`, limitBytes));
  }
  // A body whose length is announced takes its share at once: refused, nothing of it is read.
  if (announced !== undefined && announced > 0 && !options.takeBytes(announced)) return Promise.resolve(busy());

  return new Promise<BodyReadResult>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const decoder: Gunzip | Inflate | undefined = options.encoding === 'gzip' ? createGunzip() : options.encoding === 'deflate' ? createInflate() : undefined;

    const finish = (result: BodyReadResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      decoder?.destroy();
      if (!result.ok) req.resume();
      resolve(result);
    };
    const keep = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > limitBytes) return finish(tooLarge('request body, decompressed,', limitBytes));
      // Decompressed bytes are held besides the received ones; identity bodies were counted as received.
      if (decoder !== undefined && !options.takeBytes(chunk.length)) return finish(busy());
      chunks.push(chunk);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) return finish(tooLarge('request body', limitBytes));
      if (announced === undefined && !options.takeBytes(chunk.length)) return finish(busy());
      if (decoder === undefined) keep(chunk);
      // The decompressor keeps up with the socket, or the socket waits for it.
      else if (!decoder.write(chunk)) req.pause();
    };
    decoder?.on('drain', () => !settled && req.resume());
    decoder?.on('data', keep);
    decoder?.on('error', (error: Error) => finish({ ok: false, status: 400, error: 'malformed-body', message: `request body is not valid ${options.encoding}: ${error.message}` }));
    decoder?.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, decoded) }));
    req.on('data', onData);
    req.once('end', () => {
      if (announced !== undefined && received < announced) return finish(ended());
      if (decoder === undefined) finish({ ok: true, body: Buffer.concat(chunks, decoded) });
      else decoder.end();
    });
    req.once('aborted', () => finish(ended()));
    req.once('error', () => finish(ended()));
  });
}

function tooLarge(what: string, limitBytes: number): BodyReadResult {
  return { ok: false, status: 413, error: 'body-too-large', message: `${what} is larger than this service takes (${limitBytes} bytes; INGEST_BODY_LIMIT sets it): send the samples in smaller batches` };
}

function busy(): BodyReadResult {
  return { ok: false, status: 429, error: 'overloaded', message: 'ingestion holds as many request bytes as it may (INGEST_MAX_IN_FLIGHT_BYTES); retry later' };
}

function ended(): BodyReadResult {
  return { ok: false, status: 400, error: 'malformed-body', message: 'request body ended before its announced length' };
}
