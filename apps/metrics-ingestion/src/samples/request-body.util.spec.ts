import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { bodyEncoding, bodyFormat, readRequestBody, type ReadBodyOptions } from './request-body.util';

function request(chunks: Buffer[], headers: Record<string, string> = {}): Readable & { headers: Record<string, string> } {
  return Object.assign(Readable.from(chunks), { headers });
}

/** An admission that lets in up to `budget` bytes and records what it was asked. */
function budget(bytes: number): Pick<ReadBodyOptions, 'takeBytes'> & { taken: number[] } {
  const taken: number[] = [];
  let left = bytes;
  return {
    taken,
    takeBytes(amount) {
      if (amount > left) return false;
      left -= amount;
      taken.push(amount);
      return true;
    },
  };
}

describe(readRequestBody.name, () => {
  const text = Buffer.from('{"type":"probe"}\n'.repeat(100));

  it('reads a plain body, its announced length taken from the admission at once', async () => {
    const admission = budget(10_000);
    const result = await readRequestBody(request([text.subarray(0, 700), text.subarray(700)], { 'content-length': String(text.length) }), { encoding: 'identity', limitBytes: 4096, ...admission });
    expect(result).toEqual({ ok: true, body: text });
    expect(admission.taken).toEqual([text.length]);
  });

  it('decompresses gzip as it arrives, counting received and decompressed bytes', async () => {
    const zipped = gzipSync(text);
    const admission = budget(10_000);
    const result = await readRequestBody(request([zipped]), { encoding: 'gzip', limitBytes: 4096, ...admission });
    expect(result).toEqual({ ok: true, body: text });
    expect(admission.taken.reduce((a, b) => a + b, 0)).toBe(zipped.length + text.length);
  });

  it('refuses a body past the limit, announced or not, and one that inflates past it', async () => {
    const limit = { limitBytes: 1024, ...budget(1e9) };
    expect(await readRequestBody(request([text], { 'content-length': String(text.length) }), { encoding: 'identity', ...limit })).toMatchObject({ ok: false, status: 413, error: 'body-too-large' });
    expect(await readRequestBody(request([text]), { encoding: 'identity', ...limit })).toMatchObject({ ok: false, status: 413 });
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = await readRequestBody(request([bomb]), { encoding: 'gzip', limitBytes: 1024 * 1024, ...budget(1e9) });
    expect(result).toEqual({
      ok: false,
      status: 413,
      error: 'body-too-large',
      message: 'request body, decompressed, is larger than this service takes (1048576 bytes; INGEST_BODY_LIMIT sets it): send the samples in smaller batches',
    });
  });

  it('refuses with 429 what the admission will not take', async () => {
    expect(await readRequestBody(request([text], { 'content-length': String(text.length) }), { encoding: 'identity', limitBytes: 4096, ...budget(100) })).toMatchObject({ ok: false, status: 429, error: 'overloaded' });
    expect(await readRequestBody(request([text.subarray(0, 90), text.subarray(90)]), { encoding: 'identity', limitBytes: 4096, ...budget(100) })).toMatchObject({ ok: false, status: 429 });
  });

  it('refuses a body that is not what its Content-Encoding says', async () => {
    expect(await readRequestBody(request([text]), { encoding: 'gzip', limitBytes: 4096, ...budget(1e9) })).toEqual({
      ok: false,
      status: 400,
      error: 'malformed-body',
      message: 'request body is not valid gzip: incorrect header check',
    });
  });
});

describe('body headers', () => {
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/x-ndjson', 'ndjson'],
    ['application/jsonl', 'ndjson'],
  ])('takes Content-Type %s as %s', (type, format) => {
    expect(bodyFormat({ 'content-type': type })).toEqual({ ok: true, format });
  });

  it('refuses other content types and encodings with 415', () => {
    expect(bodyFormat({ 'content-type': 'text/csv' })).toMatchObject({ ok: false, status: 415, message: 'expected application/json (one JSON array of samples) or application/x-ndjson (one sample a line), got Content-Type text/csv' });
    expect(bodyFormat({})).toMatchObject({ ok: false, status: 415 });
    expect(bodyFormat({ 'content-type': 'application/json; charset=latin1' })).toMatchObject({ ok: false, status: 415, message: 'charset latin1 is not taken; send UTF-8' });
    expect(bodyEncoding({ 'content-encoding': 'br' })).toMatchObject({ ok: false, status: 415 });
    expect(bodyEncoding({ 'content-encoding': 'x-gzip' })).toEqual({ ok: true, encoding: 'gzip' });
    expect(bodyEncoding({})).toEqual({ ok: true, encoding: 'identity' });
  });
});
