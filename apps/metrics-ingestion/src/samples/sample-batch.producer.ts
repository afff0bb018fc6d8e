import { Inject, Injectable } from '@nestjs/common';
import type { OutgoingRecord } from '@underpin/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';

/** Records of queued requests sent in one go at most (the bus cuts them into its own requests). */
const MAX_RECORDS_PER_SEND = 2_000;

interface Queued {
  records: OutgoingRecord[];
  done(error?: unknown): void;
}

/**
 * Writes the requests' records to the bus one send at a time, each send taking whatever the
 * requests queued meanwhile (group commit): as many sends as the bus can acknowledge, not
 * one per request, and a single producer request in flight, which the Kafka producer's
 * idempotence needs. A request's records go in one send, in order, so its records of one key
 * stay in order; the promise settles when the bus has acknowledged them (Kafka: every
 * in-sync replica) or failed.
 */
@Injectable()
export class SampleBatchProducer {
  private readonly queue: Queued[] = [];
  private sending = false;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  send(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, done: (error) => (error === undefined ? resolve() : reject(error)) });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch: Queued[] = [];
        let records = 0;
        while (this.queue.length > 0 && (batch.length === 0 || records + this.queue[0].records.length <= MAX_RECORDS_PER_SEND)) {
          const next = this.queue.shift()!;
          batch.push(next);
          records += next.records.length;
        }
        try {
          await this.runtime.bus.publishRecords(batch.length === 1 ? batch[0].records : batch.flatMap((queued) => queued.records));
          for (const queued of batch) queued.done();
        } catch (error) {
          for (const queued of batch) queued.done(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
