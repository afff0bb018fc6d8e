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
 * Groups the accepted samples by service × region (the topic's key) and cuts each group,
 * in the order sent, into records of at most `perRecord` samples. The cut depends on nothing
 * but the samples and `perRecord`, so a retried request is cut the same way.
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
    for (let start = 0, part = 0; start < group.length; start += options.perRecord, part += 1) {
      const probes: BatchedProbe[] = [];
      const calls: BatchedCall[] = [];
      let lastAtMs = -Infinity;
      const end = Math.min(start + options.perRecord, group.length);
      for (let i = start; i < end; i += 1) {
        const sample = group[i];
        if (sample.type === 'probe') probes.push(sample.fields);
        else calls.push(sample.fields);
        if (sample.atMs > lastAtMs) lastAtMs = sample.atMs;
      }
      const id = options.idempotencyKey === undefined ? randomUUID() : recordId([options.sentBy, options.idempotencyKey, service, region, String(part)]);
      records.push({ payload: { service, region, sentBy: options.sentBy, probes, calls }, id, samples: end - start, lastAtMs });
    }
  }
  return records;
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
