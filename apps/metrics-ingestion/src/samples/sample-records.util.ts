import { createHash, randomUUID } from 'node:crypto';
import { METRIC_SAMPLES_TOPIC, latestVersion, type BatchedCall, type BatchedProbe, type EventEnvelope, type WireSampleBatch } from '@underpin/contracts';
import type { CheckedSample } from './sample-check.util';

/** One `samples.batch` record to write: samples of one service × region, in the order sent. */
export interface PlannedRecord {
  payload: WireSampleBatch;
  /** Its envelope id. */
  id: string;
  samples: number;
  /** The latest `at` of its samples: the envelope's occurredAt. */
  lastAtMs: number;
}

export interface RecordPlanOptions {
  /** The API key's id. */
  sentBy: string;
  /** INGEST_SAMPLES_PER_RECORD */
  perRecord: number;
  /** The request's Idempotency-Key: with one, every record's id follows from it (see recordId). */
  idempotencyKey?: string;
}

/**
 * Samples' JSON in one record at most, counted at its worst (see jsonBytesBound): with the
 * envelope around it, a record stays under MAX_SEND_BYTES and Kafka's 1 MB.
 */
export const MAX_RECORD_BYTES = 768 * 1024;

/**
 * Groups the accepted samples by service × region (the topic's key) and cuts each group,
 * in the order sent, into records of at most `perRecord` samples and MAX_RECORD_BYTES. The
 * cut depends on nothing but the samples and `perRecord`, so a retried request is cut the
 * same way.
 */
export function planRecords(samples: readonly CheckedSample[], options: RecordPlanOptions): PlannedRecord[] {
  const groups = new Map<string, CheckedSample[]>();
  for (const sample of samples) {
    const key = `${sample.service}:${sample.region}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [sample]);
    else group.push(sample);
  }
  const records: PlannedRecord[] = [];
  for (const group of groups.values()) {
    const { service, region } = group[0];
    for (let start = 0, part = 0; start < group.length; part += 1) {
      const probes: BatchedProbe[] = [];
      const calls: BatchedCall[] = [];
      let lastAtMs = -Infinity;
      let end = start;
      for (let bytes = 0; end < group.length && end - start < options.perRecord; end += 1) {
        const sample = group[end];
        bytes += jsonBytesBound(sample.fields);
        if (bytes > MAX_RECORD_BYTES && end > start) break;
        if (sample.type === 'probe') probes.push(sample.fields);
        else calls.push(sample.fields);
        if (sample.atMs > lastAtMs) lastAtMs = sample.atMs;
      }
      const id = options.idempotencyKey === undefined ? randomUUID() : recordId([options.sentBy, options.idempotencyKey, service, region, String(part)]);
      records.push({ payload: { service, region, sentBy: options.sentBy, probes, calls }, id, samples: end - start, lastAtMs });
      start = end;
    }
  }
  return records;
}

/**
 * At least the bytes of a sample's fields as JSON: a text at its worst, every character
 * escaped (`\u0001`, 6 bytes), except `at`, which its check keeps to ASCII digits and signs.
 */
export function jsonBytesBound(fields: object): number {
  let bytes = 2;
  for (const key in fields) {
    const value = (fields as Record<string, unknown>)[key];
    const text = typeof value === 'string' ? (key === 'at' ? value.length + 2 : 6 * value.length + 2) : 24;
    bytes += key.length + 4 + text;
  }
  return bytes;
}

/**
 * A UUID (version 8, RFC 9562: its bits are ours) from the SHA-256 of `parts`: the same
 * parts, the same id. For a record, the parts are the API key, the Idempotency-Key, the
 * service, the region and the record's place among that key's records of the request.
 */
export function recordId(parts: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(['metrics-ingestion.samples.batch', ...parts])).digest();
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const BATCH_VERSION = latestVersion(METRIC_SAMPLES_TOPIC.events['samples.batch']);

/**
 * The record's envelope on `metrics.samples.v1`. Built as createEnvelope builds it, without
 * its second check of every sample: each one passed the contract's own schema on the way in
 * (checkSample), and what this adds around them is checked by this file's spec against the
 * topic's contract. Checking every sample twice cost a sixth of the service's time.
 */
export function sampleBatchEnvelope(record: PlannedRecord, traceparent: string | undefined): EventEnvelope<WireSampleBatch, 'samples.batch'> {
  return {
    id: record.id,
    type: 'samples.batch',
    version: BATCH_VERSION,
    occurredAt: new Date(record.lastAtMs).toISOString(),
    key: METRIC_SAMPLES_TOPIC.keyOf('samples.batch', record.payload),
    source: 'metrics-ingestion',
    payload: record.payload,
    ...(traceparent !== undefined ? { traceparent } : {}),
  };
}
