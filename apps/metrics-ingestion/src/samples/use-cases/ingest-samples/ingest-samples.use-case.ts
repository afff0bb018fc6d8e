import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { METRIC_SAMPLES_TOPIC, encodeEnvelope } from '@underpin/contracts';
import { traceHeaders, traceparentForRecords, type OutgoingRecord } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { METRICS_INGESTION_CONFIG, type MetricsIngestionConfig } from '../../../config/metrics-ingestion.config';
import type { SourceKey } from '../../../keys/source-key.type';
import type { IngestErrorDto, IngestResponseDto, SampleRejectionDto } from '../../dto/ingest-response.dto';
import { IdempotentRequestsService, type RememberedAnswer } from '../../idempotent-requests.service';
import { RETRY_AFTER_SECONDS, type AdmissionTicket } from '../../ingestion-admission.service';
import type { BodyFormat } from '../../request-body.util';
import { countSamples, decodeSampleBody, parseSampleBody } from '../../sample-body.util';
import { SampleBatchProducer } from '../../sample-batch.producer';
import { checkSample, type CheckedSample } from '../../sample-check.util';
import { planRecords, sampleBatchEnvelope, type PlannedRecord } from '../../sample-records.util';

export interface IngestRequest {
  key: SourceKey;
  format: BodyFormat;
  /** Decompressed. */
  body: Buffer;
  idempotencyKey?: string;
  /** The request's share of the admission: its samples are taken from it. */
  ticket: AdmissionTicket;
}

export type IngestOutcome =
  | { status: 200 | 207; body: IngestResponseDto; replayed: boolean }
  | { status: 400 | 413 | 422; body: IngestErrorDto }
  | { status: 429 | 503; body: IngestErrorDto; retryAfterSeconds: number };

/**
 * One batch of samples: every sample checked, the accepted ones written to
 * `metrics.samples.v1` as `samples.batch` records (per service × region, in the order sent),
 * and the answer given once the bus has acknowledged them; the rejected ones are named in
 * the answer. With an Idempotency-Key, a retry of a request whose samples were written is
 * answered as the first time and writes nothing; a retry of one that failed writes records
 * with the same ids as the attempt that failed may have written (consumers skip those).
 */
@Injectable()
export class IngestSamplesUseCase {
  private readonly logger = new Logger('metrics-ingestion');
  /** Requests with an Idempotency-Key in progress here: a twin waits for the first. */
  private readonly running = new Map<string, Promise<{ fingerprint: string; outcome: IngestOutcome }>>();

  constructor(
    private readonly producer: SampleBatchProducer,
    private readonly answers: IdempotentRequestsService,
    @Inject(METRICS_INGESTION_CONFIG) private readonly config: MetricsIngestionConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async execute(request: IngestRequest): Promise<IngestOutcome> {
    const { idempotencyKey } = request;
    if (idempotencyKey === undefined) return this.ingest(request);
    const fingerprint = createHash('sha256').update(request.format).update('\n').update(request.body).digest('hex');
    const slot = JSON.stringify([request.key.id, idempotencyKey]);
    const twin = this.running.get(slot);
    if (twin !== undefined) return sameRequest((await twin), fingerprint);
    const attempt = this.attempt(request, idempotencyKey, fingerprint);
    this.running.set(slot, attempt);
    try {
      return (await attempt).outcome;
    } finally {
      this.running.delete(slot);
    }
  }

  private async attempt(request: IngestRequest, idempotencyKey: string, fingerprint: string): Promise<{ fingerprint: string; outcome: IngestOutcome }> {
    const remembered = await this.answers.find(request.key.id, idempotencyKey);
    if (remembered !== undefined) return { fingerprint, outcome: sameRequest({ fingerprint: remembered.fingerprint, outcome: { status: remembered.status, body: remembered.body, replayed: false } }, fingerprint) };
    const outcome = await this.ingest(request);
    if (outcome.status === 200 || outcome.status === 207) {
      const answer: RememberedAnswer = { fingerprint, status: outcome.status, body: outcome.body };
      // The samples are on the bus: a retry that finds nothing here writes them again under
      // the same ids, which consumers skip; so a failure to remember is no failure to answer.
      await this.answers.remember(request.key.id, idempotencyKey, answer).catch((error: unknown) => {
        this.logger.warn(`could not remember the answer to Idempotency-Key ${JSON.stringify(idempotencyKey)} of ${request.key.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return { fingerprint, outcome };
  }

  private async ingest(request: IngestRequest): Promise<IngestOutcome> {
    const text = decodeSampleBody(request.body);
    if (text === undefined) return { status: 400, body: { error: 'malformed-body', message: 'the body is not UTF-8 text' } };
    // Counted before parsing, so that neither one body nor many at once can make more objects than the limits allow.
    const count = countSamples(text, request.format);
    if (count > this.config.maxBatchSamples) {
      return { status: 413, body: { error: 'too-many-samples', message: `the batch holds ${count} samples; at most ${this.config.maxBatchSamples} are taken in one request (INGEST_MAX_BATCH_SAMPLES): send them in smaller batches` } };
    }
    if (count > 0 && !request.ticket.takeSamples(count)) {
      return overloaded(`ingestion holds as many samples as it may (INGEST_MAX_IN_FLIGHT_SAMPLES ${this.config.maxInFlightSamples}); nothing of this request was accepted`);
    }
    const parsed = parseSampleBody(text, request.format);
    if (!parsed.ok) return { status: 400, body: parsed.error };
    const context = { key: request.key, nowMs: this.runtime.now(), maxAheadMs: this.config.maxAheadMs };
    const accepted: CheckedSample[] = [];
    const rejections: SampleRejectionDto[] = [...parsed.unreadable];
    for (const item of parsed.items) {
      const checked = checkSample(item, context);
      if (checked.ok) accepted.push(checked.sample);
      else rejections.push(...checked.rejections);
    }
    if (parsed.unreadable.length > 0) rejections.sort((a, b) => a.index - b.index);
    const rejected = new Set(rejections.map((r) => r.index)).size;

    if (accepted.length > 0) {
      const records = planRecords(accepted, { sentBy: request.key.id, perRecord: this.config.samplesPerRecord, idempotencyKey: request.idempotencyKey });
      try {
        await this.producer.send(toOutgoing(records));
      } catch (error) {
        this.logger.warn(`could not write ${records.length} sample record(s) of ${request.key.id} to the bus: ${error instanceof Error ? error.message : String(error)}`);
        return {
          status: 503,
          body: { error: 'unavailable', message: 'the samples could not be written to the bus; count none of them as accepted and send the request again (with the same Idempotency-Key, if it had one)' },
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        };
      }
    }
    return { status: rejected > 0 ? 207 : 200, body: { accepted: accepted.length, rejected, rejections }, replayed: false };
  }
}

/** The first attempt's answer for its retry, unless the retry sent something else. */
function sameRequest(first: { fingerprint: string; outcome: IngestOutcome }, fingerprint: string): IngestOutcome {
  if (first.fingerprint !== fingerprint) {
    return { status: 422, body: { error: 'idempotency-key-reused', message: 'this Idempotency-Key was used with another body; a retry must send the same samples, a new batch a new key' } };
  }
  const outcome = first.outcome;
  return outcome.status === 200 || outcome.status === 207 ? { ...outcome, replayed: true } : outcome;
}

function overloaded(message: string): IngestOutcome {
  return { status: 429, body: { error: 'overloaded', message }, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

function toOutgoing(records: readonly PlannedRecord[]): OutgoingRecord[] {
  const traceparent = traceparentForRecords(METRIC_SAMPLES_TOPIC.name);
  return records.map((record) => {
    const envelope = sampleBatchEnvelope(record, traceparent);
    return { topic: METRIC_SAMPLES_TOPIC.name, key: envelope.key, value: encodeEnvelope(envelope), headers: traceHeaders(envelope.traceparent) };
  });
}
