import type { OutgoingRecord } from '@underpin/messaging';
import type { ServiceRuntime } from '@underpin/platform';
import { readMetricsIngestionConfig } from '../../../config/metrics-ingestion.config';
import type { SourceKey } from '../../../keys/source-key.type';
import type { IdempotentRequestsService, RememberedAnswer } from '../../idempotent-requests.service';
import { IngestionAdmissionService } from '../../ingestion-admission.service';
import type { SampleBatchProducer } from '../../sample-batch.producer';
import { IngestSamplesUseCase, type IngestRequest } from './ingest-samples.use-case';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const key: SourceKey = { id: 'key-1', name: 'probes', services: new Set(['video']), regions: new Set() };
const probe = (minute: number, ok = true) => ({ type: 'probe', at: `2026-03-02T07:${String(minute).padStart(2, '0')}:00Z`, service: 'video', region: 'eu', ok });

function fixture(options: { failSends?: number } = {}) {
  const sent: OutgoingRecord[][] = [];
  let failures = options.failSends ?? 0;
  const producer = {
    send: async (records: OutgoingRecord[]) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('broker away');
      }
      sent.push(records);
    },
  } as unknown as SampleBatchProducer;
  const stored = new Map<string, RememberedAnswer>();
  const answers = {
    find: async (keyId: string, idempotencyKey: string) => stored.get(`${keyId}/${idempotencyKey}`),
    remember: async (keyId: string, idempotencyKey: string, answer: RememberedAnswer) => void stored.set(`${keyId}/${idempotencyKey}`, answer),
  } as unknown as IdempotentRequestsService;
  const config = readMetricsIngestionConfig({ INGEST_SAMPLES_PER_RECORD: '2', INGEST_MAX_IN_FLIGHT_SAMPLES: '10', INGEST_MAX_BATCH_SAMPLES: '8' }, { bus: 'in-process' });
  const admission = new IngestionAdmissionService({ maxBytes: config.maxInFlightBytes, maxSamples: config.maxInFlightSamples });
  const useCase = new IngestSamplesUseCase(producer, answers, config, { now: () => NOW } as unknown as ServiceRuntime);
  const ingest = (samples: unknown[], idempotencyKey?: string) => {
    const ticket = admission.open();
    const request: IngestRequest = { key, format: 'json', body: Buffer.from(JSON.stringify(samples)), ticket, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) };
    return useCase.execute(request).finally(() => ticket.release());
  };
  return { ingest, sent, stored, admission };
}

const ids = (records: OutgoingRecord[]) => records.map((r) => (JSON.parse(String(r.value)) as { id: string }).id);

describe(IngestSamplesUseCase.name, () => {
  it('writes the accepted samples in records of INGEST_SAMPLES_PER_RECORD and names the rejected ones', async () => {
    const { ingest, sent } = fixture();
    const outcome = await ingest([probe(1), { ...probe(2), ok: 'yes' }, probe(3), probe(4)]);
    expect(outcome).toEqual({
      status: 207,
      body: { accepted: 3, rejected: 1, rejections: [{ index: 1, path: 'ok', code: 'invalid', reason: 'must be true or false, got "yes"' }] },
      replayed: false,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0].map((r) => [r.key, (JSON.parse(String(r.value)) as { payload: { probes: unknown[] } }).payload.probes.length])).toEqual([
      ['video:eu', 2],
      ['video:eu', 1],
    ]);
  });

  it('answers a retry with the same Idempotency-Key from the first attempt, writing nothing', async () => {
    const { ingest, sent } = fixture();
    const first = await ingest([probe(1), probe(2), probe(3)], 'batch-1');
    const retry = await ingest([probe(1), probe(2), probe(3)], 'batch-1');
    expect(first).toMatchObject({ status: 200, replayed: false });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(sent).toHaveLength(1);
  });

  it('lets concurrent twins wait for the first, and refuses a key reused for another body', async () => {
    const { ingest, sent } = fixture();
    const [one, two] = await Promise.all([ingest([probe(1)], 'batch-2'), ingest([probe(1)], 'batch-2')]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(sent).toHaveLength(1);
    expect(await ingest([probe(1, false)], 'batch-2')).toEqual({
      status: 422,
      body: { error: 'idempotency-key-reused', message: 'this Idempotency-Key was used with another body; a retry must send the same samples, a new batch a new key' },
    });
  });

  it('writes a retry of a failed attempt under the ids the failed attempt used', async () => {
    const { ingest, sent } = fixture({ failSends: 1 });
    expect(await ingest([probe(1), probe(2), probe(3)], 'batch-3')).toMatchObject({ status: 503, retryAfterSeconds: 1, body: { error: 'unavailable' } });
    const again = await ingest([probe(1), probe(2), probe(3)], 'batch-3');
    expect(again).toMatchObject({ status: 200, replayed: false });
    const other = fixture();
    await other.ingest([probe(1), probe(2), probe(3)], 'batch-3');
    expect(ids(sent[0])).toEqual(ids(other.sent[0]));
  });

  it('refuses with 413 a batch of more than INGEST_MAX_BATCH_SAMPLES, counted before it is parsed, bad samples included', async () => {
    const { ingest, sent, admission } = fixture();
    expect(await ingest([...Array.from({ length: 5 }, (_, i) => probe(i)), 1, 2, 3, 4])).toEqual({
      status: 413,
      body: { error: 'too-many-samples', message: 'the batch holds 9 samples; at most 8 are taken in one request (INGEST_MAX_BATCH_SAMPLES): send them in smaller batches' },
    });
    expect(sent).toHaveLength(0);
    expect(admission.inFlight()).toEqual({ bytes: 0, samples: 0 });
  });

  it('refuses with 429 a request whose samples would pass INGEST_MAX_IN_FLIGHT_SAMPLES while others hold some', async () => {
    const { ingest, admission, sent } = fixture();
    const holder = admission.open();
    expect(holder.takeSamples(5)).toBe(true);
    expect(await ingest(Array.from({ length: 6 }, (_, i) => probe(i)))).toMatchObject({ status: 429, retryAfterSeconds: 1, body: { error: 'overloaded' } });
    holder.release();
    expect(await ingest(Array.from({ length: 6 }, (_, i) => probe(i)))).toMatchObject({ status: 200 });
    expect(sent).toHaveLength(1);
  });
});
